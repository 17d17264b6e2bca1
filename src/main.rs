use clap::Parser;

fn main() -> std::process::ExitCode {
    unconf::cli::run(unconf::cli::Cli::parse())
}
