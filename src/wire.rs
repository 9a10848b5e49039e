//! The compact byte form of partial states (for a database column, or a SQL engine's partial
//! aggregate): fixed-width little-endian numbers behind a four-byte tag, read back through a
//! cursor that checks every length against the bytes left, so corrupt or hostile bytes are an
//! error, never a panic or a huge allocation.

use crate::error::StateError;

/// Appends `value` as an unsigned LEB128 varint: seven bits a byte, low bits first, the high
/// bit set on every byte but the last. Small counts take one byte.
pub(crate) fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        // The low seven bits, with the continuation bit: the truncation is the point.
        #[allow(clippy::cast_possible_truncation)]
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    #[allow(clippy::cast_possible_truncation)]
    out.push(value as u8);
}

/// Reads one LEB128 varint, a byte at a time from `next`; `overflow` is the error for a
/// number past 64 bits (a tenth byte, or a ninth that carries more than the top bit).
pub(crate) fn read_varint(
    mut next: impl FnMut() -> Result<u8, StateError>,
    overflow: impl Fn() -> StateError,
) -> Result<u64, StateError> {
    let mut value = 0_u64;
    for shift in (0..64).step_by(7) {
        let byte = next()?;
        let bits = u64::from(byte & 0x7f);
        if shift == 63 && bits > 1 {
            return Err(overflow());
        }
        value |= bits << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err(overflow())
}

/// Builds the bytes of a state.
#[derive(Debug, Default)]
pub(crate) struct Writer(pub(crate) Vec<u8>);

impl Writer {
    /// Starts a state with its tag and the format version.
    pub(crate) fn new(tag: &[u8; 4]) -> Self {
        let mut w = Self(Vec::new());
        w.0.extend_from_slice(tag);
        w.u32(crate::state::STATE_VERSION);
        w
    }

    pub(crate) fn u8(&mut self, v: u8) {
        self.0.push(v);
    }

    pub(crate) fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn f64(&mut self, v: f64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    /// A length, then the numbers.
    pub(crate) fn f64s(&mut self, values: &[f64]) {
        self.u64(values.len() as u64);
        values.iter().for_each(|&v| self.f64(v));
    }

    /// A length, then the UTF-8 bytes.
    pub(crate) fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
}

/// A cursor over untrusted bytes: every read is bounds-checked.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    what: &'static str,
}

impl<'a> Reader<'a> {
    /// Checks the tag and the version; `what` names the state in errors.
    pub(crate) fn new(
        bytes: &'a [u8],
        tag: &[u8; 4],
        what: &'static str,
    ) -> Result<Self, StateError> {
        let mut r = Self { bytes, what };
        if r.take(4)? != tag {
            return Err(r.bad(&format!(
                "not a {what} (the bytes do not start with {:?})",
                String::from_utf8_lossy(tag)
            )));
        }
        crate::state::check_version(r.u32()?)?;
        Ok(r)
    }

    pub(crate) fn bad(&self, why: &str) -> StateError {
        StateError::Inconsistent {
            what: self.what,
            problem: why.to_owned(),
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], StateError> {
        if self.bytes.len() < n {
            return Err(self.bad("cut short"));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], StateError> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    pub(crate) fn u8(&mut self) -> Result<u8, StateError> {
        Ok(self.array::<1>()?[0])
    }

    pub(crate) fn u32(&mut self) -> Result<u32, StateError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    pub(crate) fn u64(&mut self) -> Result<u64, StateError> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    pub(crate) fn f64(&mut self) -> Result<f64, StateError> {
        Ok(f64::from_le_bytes(self.array()?))
    }

    /// A length of items of `size` bytes each, refused when the bytes left cannot hold it (so a
    /// corrupt length never allocates).
    fn len(&mut self, size: usize) -> Result<usize, StateError> {
        let n = self.u64()?;
        usize::try_from(n)
            .ok()
            .filter(|&n| n.checked_mul(size).is_some_and(|b| b <= self.bytes.len()))
            .ok_or_else(|| self.bad("a length beyond the bytes left"))
    }

    pub(crate) fn f64s(&mut self) -> Result<Vec<f64>, StateError> {
        let n = self.len(8)?;
        (0..n).map(|_| self.f64()).collect()
    }

    pub(crate) fn string(&mut self) -> Result<String, StateError> {
        let n = self.len(1)?;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| self.bad("a name that is not UTF-8"))
    }

    /// Refuses bytes left over after the state.
    pub(crate) fn finish(self) -> Result<(), StateError> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(self.bad("extra bytes after the state"))
        }
    }
}
