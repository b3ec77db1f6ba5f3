# Sourced by `./dev test`: installs (if missing) and starts the system services the suite needs.
# PostgreSQL and Chromium come from Debian's packages; nothing is downloaded from anywhere else.
: # filled in by the cases/API/web work
