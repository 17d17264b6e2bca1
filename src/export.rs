//! Write-ups and other formats: pure functions from the merged event to text.
