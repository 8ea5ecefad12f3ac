//! The byte-order prefix of a format: which byte order, and whether sizes and
//! alignment are native (C's, of the target) or standard (Python's fixed sizes).

/// The byte order, size and alignment mode selected by a format's first character.
///
/// ```
/// use netpack_format::Order;
///
/// assert_eq!(Order::from_prefix(b'!'), Some(Order::Network));
/// assert!(Order::Native.is_native());
/// assert!(!Order::Network.is_little_endian());
/// assert_eq!(Order::Little.prefix(), b'<');
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Order {
    /// `@` (or no prefix): native byte order, native sizes, native alignment.
    Native,
    /// `=`: native byte order, standard sizes, no alignment.
    Standard,
    /// `<`: little-endian, standard sizes, no alignment.
    Little,
    /// `>`: big-endian, standard sizes, no alignment.
    Big,
    /// `!`: network order (big-endian), standard sizes, no alignment.
    Network,
}

impl Order {
    /// The order selected by a prefix byte, or `None` when `byte` is not one of
    /// `@ = < > !`.
    pub const fn from_prefix(byte: u8) -> Option<Order> {
        match byte {
            b'@' => Some(Order::Native),
            b'=' => Some(Order::Standard),
            b'<' => Some(Order::Little),
            b'>' => Some(Order::Big),
            b'!' => Some(Order::Network),
            _ => None,
        }
    }

    /// The prefix byte that selects this order (`@` for [`Order::Native`]).
    pub const fn prefix(self) -> u8 {
        match self {
            Order::Native => b'@',
            Order::Standard => b'=',
            Order::Little => b'<',
            Order::Big => b'>',
            Order::Network => b'!',
        }
    }

    /// Whether sizes and alignment are the target's C ones (`@` only).
    pub const fn is_native(self) -> bool {
        matches!(self, Order::Native)
    }

    /// Whether values are stored least significant byte first on the target.
    pub const fn is_little_endian(self) -> bool {
        match self {
            Order::Native | Order::Standard => cfg!(target_endian = "little"),
            Order::Little => true,
            Order::Big | Order::Network => false,
        }
    }

    /// Whether the byte order is the target's own (`@`, `=`, and whichever of
    /// `<`/`>`/`!` matches the target).
    pub const fn is_target_endian(self) -> bool {
        self.is_little_endian() == cfg!(target_endian = "little")
    }
}
