//! Every indicator id as one enum, so a misspelled id is a compile error
//! instead of an empty row. [`Id::ALL`] lists them in the order of the
//! definitions and of the output; [`Id::as_str`] is the id in the
//! indicator table, the message catalogues (`ind-<id>`, `def-<id>`) and
//! site.toml's `[targets]`.

use serde::Serialize;

macro_rules! ids {
    ($($variant:ident = $name:literal,)*) => {
        /// An indicator.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Id {
            $($variant,)*
        }

        impl Id {
            /// Every indicator, in the order of docs/indicators.md (and of the
            /// output); a test reads the page and checks the two agree.
            pub const ALL: &'static [Id] = &[$(Id::$variant,)*];

            /// The id as the indicator table writes it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Id::$variant => $name,)*
                }
            }

            /// The indicator with this id.
            pub fn parse(text: &str) -> Option<Id> {
                match text {
                    $($name => Some(Id::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

ids! {
    Coverage = "coverage",
    ExclusionError = "exclusion_error",
    InclusionError = "inclusion_error",
    Adequacy = "adequacy",
    Regularity = "regularity",
    BeneficiaryIncidence = "beneficiary_incidence",
    BenefitIncidence = "benefit_incidence",
    Cgh = "cgh",
    OverlapHouseholds = "overlap_households",
    PovertyHeadcount = "poverty_headcount",
    PovertyGap = "poverty_gap",
    SchoolEnrolmentRate = "school_enrolment_rate",
    IncomeChangeMean = "income_change_mean",
    IncomeChangeMedian = "income_change_median",
    IncomeImprovedShare = "income_improved_share",
    IncomeImpactSimpleDiff = "income_impact_simple_diff",
    IncomeImpactDid = "income_impact_did",
    TrainingEnrolled = "training_enrolled",
    TrainingWomenShare = "training_women_share",
    TrainingAttendanceRate = "training_attendance_rate",
    TrainingCompletionRate = "training_completion_rate",
    TrainingBusinessRate = "training_business_rate",
    TrainingParticipationRate = "training_participation_rate",
    RtValuePerEligible = "rt_value_per_eligible",
    RtAidToNeedRatio = "rt_aid_to_need_ratio",
    RtAllocationGini = "rt_allocation_gini",
    AidTheil = "aid_theil",
    AidTheilBetweenRt = "aid_theil_between_rt",
    AidTheilWithinRt = "aid_theil_within_rt",
    AidConcentrationIndex = "aid_concentration_index",
    BudgetAbsorption = "budget_absorption",
    RevenueRealisation = "revenue_realisation",
    BudgetBalance = "budget_balance",
    FundingShare = "funding_share",
    ReconciliationGap = "reconciliation_gap",
    ReconciliationGapShare = "reconciliation_gap_share",
    CostPerBeneficiary = "cost_per_beneficiary",
    LocalSourcingShare = "local_sourcing_share",
    EcoPackagingShare = "eco_packaging_share",
    FlagDuplicatePayment = "flag_duplicate_payment",
    FlagIneligiblePayment = "flag_ineligible_payment",
    FlagPaymentAfterExit = "flag_payment_after_exit",
    FlagOverEntitlement = "flag_over_entitlement",
    FlagDuplicateNik = "flag_duplicate_nik",
    FlagUnregisteredRecipient = "flag_unregistered_recipient",
    FlagAmount = "flag_amount",
    FeedbackCount = "feedback_count",
    FeedbackResolutionRate = "feedback_resolution_rate",
    FeedbackMedianDays = "feedback_median_days",
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_back_and_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for id in Id::ALL {
            assert_eq!(Id::parse(id.as_str()), Some(*id));
            assert!(seen.insert(id.as_str()), "{id} twice");
        }
        assert_eq!(Id::parse("coverge"), None);
    }
}
