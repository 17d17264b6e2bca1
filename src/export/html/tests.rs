//! The web page read back with an HTML parser.
