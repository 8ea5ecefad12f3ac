//! Checks on the runtime alone: format parsing, unpacking any buffer, pack round trips.
