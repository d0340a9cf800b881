//! The compact parts of an indicator row. A site of a million households
//! has seven million rows, most of them the RT groups of the coverage
//! family, so each part is as small as what it holds: a number that may be
//! missing in 8 bytes, the unit and the disaggregation in a byte each.

use serde::Serialize;

use super::GROUP_BYS;

/// A number that may be missing, in the 8 bytes of the number itself (an
/// `Option<f64>` takes 16): a missing number is a NaN whose bits no
/// arithmetic gives, so any number a computation gives, a NaN too, stays
/// itself. A site of a million households has millions of rows of five
/// such numbers.
#[derive(Clone, Copy)]
pub struct Num(u64);

impl Num {
    /// The bits of a missing number: a signalling NaN with a payload;
    /// arithmetic only gives quiet NaNs, and no number is read as a NaN.
    const NONE: u64 = 0x7FF4_0000_0000_0E7A;
    pub const MISSING: Num = Num(Num::NONE);

    pub fn get(self) -> Option<f64> {
        (self.0 != Num::NONE).then(|| f64::from_bits(self.0))
    }

    pub fn is_some(self) -> bool {
        self.0 != Num::NONE
    }

    pub fn is_none(self) -> bool {
        self.0 == Num::NONE
    }
}

impl From<Option<f64>> for Num {
    fn from(v: Option<f64>) -> Num {
        match v {
            Some(v) if v.to_bits() != Num::NONE => Num(v.to_bits()),
            // The one NaN with these bits is read as a NaN of arithmetic.
            Some(_) => Num(f64::NAN.to_bits()),
            None => Num::MISSING,
        }
    }
}

impl From<f64> for Num {
    fn from(v: f64) -> Num {
        Num::from(Some(v))
    }
}

impl PartialEq for Num {
    fn eq(&self, other: &Num) -> bool {
        self.get() == other.get()
    }
}

impl std::fmt::Debug for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.get().map(shown).serialize(serializer)
    }
}

/// A number as the outputs write it: a zero is written `0`, never `-0`
/// (a sum of nothing negative, or a negative amount times zero, is still
/// nothing); every other number as it is.
pub(crate) fn shown(v: f64) -> f64 {
    v + 0.0
}

/// The unit of a row's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Ratio,
    Households,
    Enrollments,
    Feedback,
    RupiahPerMonth,
    RupiahPerHousehold,
    Days,
    Rupiah,
    Cases,
    Index,
}

impl Unit {
    /// The unit as the indicator table writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Ratio => "ratio",
            Unit::Households => "households",
            Unit::Enrollments => "enrollments",
            Unit::Feedback => "feedback",
            Unit::RupiahPerMonth => "rupiah_per_month",
            Unit::RupiahPerHousehold => "rupiah_per_household",
            Unit::Days => "days",
            Unit::Rupiah => "rupiah",
            Unit::Cases => "cases",
            Unit::Index => "index",
        }
    }
}

impl PartialEq<&str> for Unit {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_str().serialize(serializer)
    }
}

/// A disaggregation (`rw`, `rt`, `head_gender`, ...; empty for the whole
/// site): its place in the output order of disaggregations.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupBy(u8);

impl GroupBy {
    /// The disaggregation named `name`, one of the output's.
    pub(crate) fn of(name: &str) -> GroupBy {
        let at = GROUP_BYS.iter().position(|g| *g == name);
        // Every family names its disaggregations from the output's list; a
        // test checks each of them.
        GroupBy(at.expect("a disaggregation of the output's list") as u8)
    }

    pub fn as_str(self) -> &'static str {
        GROUP_BYS[self.0 as usize]
    }

    /// Its place in the output order.
    pub(crate) fn place(self) -> usize {
        self.0 as usize
    }
}

impl PartialEq<&str> for GroupBy {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for GroupBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl Serialize for GroupBy {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_str().serialize(serializer)
    }
}
