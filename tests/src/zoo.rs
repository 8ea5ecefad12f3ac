//! The zoo: derived types covering every code, order, array, nesting, padding, enum.
