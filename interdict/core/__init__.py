"""Plain data types, errors, configuration and storage shared by every capability."""
