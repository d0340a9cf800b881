# pantau report messages, English.
# Numbers, money and dates arrive already formatted ($value, $period, ...).

## Page
audience-evaluator = Evaluator report
audience-council = Council report
audience-partner = Partner report
audience-notice = Recipient notice
title-evaluator = Quarterly impact report: { $site }
title-council = Aid budget transparency: { $site }
title-partner = Sites compared: { $sites }
subtitle-evaluator = Social assistance programs, quarter { $period }
subtitle-council = Where the aid money came from and where it went, quarter { $period }
subtitle-partner = The same indicators side by side, quarter { $period }
site-code = village code
synthetic-banner = Synthetic data: this report was made from generated sample data and describes no real people or households.
h-headlines = Key figures
h-toc = Contents
h-provenance = Provenance
provenance-made-by = Made by
provenance-generated = generated
provenance-inputs = Input files and their sha256 checksums
total = Total
aid-programs = Aid programs (not training)
all-programs = All programs
period-all = all data
round-baseline = baseline
target = Target
target-completion = Completion target
target-poverty = Poverty target
target-met = target { $target }: met
target-missed = target { $target }: not met
target-only = target { $target }
change-since = { $delta } since { $period }
ci-range = 95% CI { $low } to { $high }
n-obs = n = { $n }
per-month = { $value } per month
decile-n = Decile { $n }
equal-share = Equal share (10%)
gender-male = Men (L)
gender-female = Women (P)
group-trained = Trained
group-untrained = Not trained
chart-no-data = No data for this chart.

## Column headings
col-program = Program
col-eligible = Eligible households
col-reached = Households reached
col-round = Survey round
col-panel = Panel households
col-period = Period
col-value = Aid value
col-theil-inside = Theil T inside the RT
col-file = File
col-rows-read = Rows read
col-rows-accepted = Accepted
col-rows-rejected = Rejected
col-warnings = Warnings
col-bytes = Bytes
col-site = Site
col-funder = Funder
col-share-period = Share in the quarter
col-deliveries = Deliveries
col-households-reached = Households reached
col-value-delivered = Value delivered
col-cost-per-household = Value per household reached
col-entitlement = Entitlement
col-failed = Failed
col-returned = Returned
col-indicator = Indicator
col-programs = Programs
col-poverty-line = Poverty line (per person per month)
col-households = Registered households

## Disaggregations
by-rw = RW
by-rt = RT
by-head_gender = Head of household
by-welfare_decile = Welfare decile
by-trained = Training
by-course = Course
by-participant_gender = Participant
by-category = Category
by-channel = Channel
category-complaint = Complaint
category-suggestion = Suggestion
category-question = Question
category-appreciation = Appreciation
channel-meeting = Village meeting
channel-social_media = Social media
channel-flyer = Flyer
channel-box = Suggestion box
channel-phone = Phone
channel-other = Other
topic-amount = amount
topic-delay = delay
topic-eligibility = eligibility
topic-packaging = packaging
topic-quality = quality
topic-registration = registration
topic-schedule = schedule
topic-service = service
topic-targeting = targeting
topic-training = training
topic-transparency = transparency

## Aid types and funders
aid-cash = cash
aid-goods = goods
aid-service = service
aid-training = training
aid-scholarship = scholarship
funder-dana_desa = Village fund (Dana Desa)
funder-csr = Company CSR
funder-donation = Donors
funder-ngo = NGO
funder-apbd = Regional budget (APBD)
funder-apbn = National budget (APBN)

## Indicator names
ind-coverage = Coverage
ind-exclusion_error = Exclusion error
ind-inclusion_error = Inclusion error
ind-beneficiary_incidence = Beneficiary incidence
ind-benefit_incidence = Benefit incidence
ind-cgh = Coady-Grosh-Hoddinott index
ind-adequacy = Adequacy
ind-regularity = Regularity
ind-overlap_households = Households in two or more programs
ind-income_change_mean = Mean income change
ind-income_change_median = Median income change
ind-income_improved_share = Share with higher income
ind-income_impact_simple_diff = Trained minus untrained (income)
ind-income_impact_did = Difference in differences
ind-poverty_headcount = Poverty headcount
ind-poverty_gap = Poverty gap
ind-school_enrolment_rate = School enrolment
ind-training_enrolled = Enrolments
ind-training_women_share = Women's share
ind-training_attendance_rate = Attendance
ind-training_completion_rate = Completion
ind-training_business_rate = Started a business
ind-training_participation_rate = Training participation
ind-rt_value_per_eligible = Value per eligible household
ind-rt_aid_to_need_ratio = Aid-to-need ratio
ind-rt_allocation_gini = Gini between RTs
ind-aid_theil = Theil T of aid
ind-aid_theil_between_rt = Theil T between RTs
ind-aid_theil_within_rt = Theil T within RTs
ind-aid_concentration_index = Concentration index
ind-feedback_count = Feedback received
ind-feedback_resolution_rate = Feedback resolved
ind-feedback_median_days = Median days to resolve

## Indicator definitions (methodology appendix)
def-coverage = Eligible households reached by at least one delivered distribution in the quarter, divided by eligible households active in the quarter.
def-exclusion_error = Eligible households not reached, divided by eligible households (1 − coverage).
def-inclusion_error = Reached households that are not eligible, divided by reached households.
def-beneficiary_incidence = Reached households in a welfare decile, divided by all reached households.
def-benefit_incidence = Value delivered to a welfare decile, divided by all value delivered.
def-cgh = Value delivered to deciles 1–4, divided by 0.40 × all value delivered. 1 is neutral; above 1 favours the poorest 40%.
def-adequacy = Value delivered in the quarter to reached households, divided by 3 × the same households' baseline monthly income (ratio of sums; households without a baseline income are left out).
def-regularity = Months of the quarter with a delivery, summed over reached households, divided by 3 × reached households; only programs with a monthly entitlement.
def-overlap_households = Households reached by two or more programs in the quarter (a count); the matrix counts households reached by both programs of a pair.
def-income_change_mean = Mean of income in the round minus baseline income, over the panel (households surveyed at baseline and in the round).
def-income_change_median = Median of the same change; with an even number of households, the mean of the two middle values.
def-income_improved_share = Panel households whose income rose, divided by panel households.
def-income_impact_simple_diff = Mean income in the round of trained households minus that of untrained households, with a 95% percentile-bootstrap interval.
def-income_impact_did = Mean income change of trained households minus that of untrained households, with a 95% percentile-bootstrap interval.
def-poverty_headcount = Households whose monthly income is below the poverty line × members, divided by households surveyed in the round.
def-poverty_gap = Mean over surveyed households of max(0, (z − y) / z), y the income per member and z the poverty line (FGT1).
def-school_enrolment_rate = Sum of children in school divided by the sum of school-age children (from the registry).
def-training_enrolled = Enrolments in courses that started in the period (a count).
def-training_women_share = Enrolments of women divided by enrolments.
def-training_attendance_rate = Sessions attended divided by sessions held.
def-training_completion_rate = Completed enrolments divided by enrolments.
def-training_business_rate = Completed enrolments with a business started, divided by completed enrolments.
def-training_participation_rate = Households eligible for training with at least one enrolment, divided by households eligible for training.
def-rt_value_per_eligible = Aid value delivered to eligible households of the RT, divided by its eligible households.
def-rt_aid_to_need_ratio = The RT's share of the value divided by its share of eligible households; 1 is proportional.
def-rt_allocation_gini = Gini of value per eligible household across RTs, each RT weighted by its eligible households: Σᵢ Σⱼ wᵢ wⱼ |xᵢ − xⱼ| / (2 W² μ).
def-aid_theil = Theil T of value over eligible households: (1/N) Σ (yᵢ/μ) ln(yᵢ/μ), with 0 ln 0 = 0.
def-aid_theil_between_rt = Σ over RTs of (Nᵣₜ/N)(μᵣₜ/μ) ln(μᵣₜ/μ): the part of inequality due to differences between RT means.
def-aid_theil_within_rt = Σ over RTs of the RT's value share × the Theil T inside the RT. Between + within = total.
def-aid_concentration_index = 2 cov(value, r) / mean(value), r the fractional rank by baseline income per member (poorest first). Negative: aid goes more to the poorer.
def-feedback_count = Feedback items received in the period (a count).
def-feedback_resolution_rate = Feedback items with a resolution date, divided by items received.
def-feedback_median_days = Median of days from receipt to resolution, over resolved items.

## Headline figures of the council report
fig-value-delivered = Aid value delivered
fig-households-reached = Households reached
fig-value-per-household = Value per household reached
fig-not-delivered = Failed or returned deliveries
basis-value-households = { $value } over { $n ->
        [one] { $n } household
       *[other] { $n } households
    }
basis-households-outside = of which { $n } not in the registry
basis-households-outside-or-rejected = of which { $n } not in the registry, or on a rejected row
basis-courses-started = { $basis }, of the courses started in { $period }
basis-deliveries = of { $n ->
        [one] { $n } delivery
       *[other] { $n } deliveries
    } recorded

## Sections
sec-coverage = Coverage and targeting
intro-coverage = Who the programs reached among the households that meet each program's eligibility rule, and who received aid without meeting it. Each percentage shows the numerator and denominator behind it.
cap-coverage-programs = Coverage and targeting by program, { $period }
cap-coverage-by = { $programs } by { $by }, { $period }
note-numerator-denominator = Small print under each value: numerator / denominator (households, or rupiah for adequacy). A dash means the denominator is zero.
cap-overlap = Households reached by both programs, { $period }
note-overlap = { $n ->
        [one] { $n } household was
       *[other] { $n } households were
    } reached by two or more programs. The diagonal counts the households reached by each program.

sec-income = Income change and impact
intro-income = Income change compares each household's income in a follow-up survey with its own baseline income. Trained households completed a course before their survey; the difference in differences compares their income change with that of the other households, with a 95% bootstrap confidence interval.
intro-income-plain = Income change compares each household's income in a follow-up survey with its own baseline income. The training's impact appears here once the village has training records.
note-income-panel-plain = Panel: the households surveyed at baseline and in that round.
cap-income-rounds = Income change by survey round
note-income-panel = Panel: households surveyed both at baseline and in the round. The intervals come from 2,000 bootstrap resamples stratified by training status.
note-no-follow-up = The data have no follow-up survey round yet, so income change cannot be computed.
cap-income-by = Income change by { $by }, round { $round }

sec-poverty = Poverty and school enrolment
intro-poverty = The share of surveyed households living below the poverty line, how far below it they are on average, and the share of school-age children in school, at baseline and in each follow-up round.
cap-poverty = Poverty and school enrolment by survey round (poverty line { $line } per person per month)
cap-poverty-decile = Poverty and school enrolment by welfare decile, round { $round }

sec-training = Skills training
intro-training = Enrolment, attendance, completion and business start in the skills courses, by course and by participant, and how many eligible households took part.
cap-training-course-all = Training by course, all data
cap-training-course = Training by course, courses started in { $period }
cap-training-gender = Training by participant, all data
cap-participation = Participation of households eligible for training

sec-equity = Equity between neighbourhoods (RT)
intro-equity = How evenly aid reached eligible households across neighbourhoods. Value per eligible household and the aid-to-need ratio compare RTs; the Gini and Theil indices sum up the differences; the concentration index shows whether aid goes to poorer households.
cap-rt = Aid per RT, { $period }
note-rt = Eligible: active households eligible for at least one program. Value: aid delivered to them in the quarter. An aid-to-need ratio above 1 means the RT received more than its share of eligible households.
curve-lorenz-rt = Lorenz curve between RTs
curve-concentration = Concentration curve (by baseline income)
curve-equality = Line of equality
axis-cum-households = Cumulative share of eligible households
axis-cum-value = Cumulative share of aid value

sec-feedback = Community feedback
intro-feedback = Complaints, suggestions, questions and appreciation received from residents, how many were resolved and how fast.
cap-feedback = Feedback by { $by }, { $period }

sec-quality = Data quality
intro-quality = The input files passed validation (errors: { $errors }, warnings: { $warnings }). Warnings do not stop the report; they point at values worth checking.
intro-quality-rejected = { $rejected ->
        [one] { $rejected } row
       *[other] { $rejected } rows
    } broke a rule of the data contract (errors: { $errors }) and were left out of every indicator, as allowed with --max-rejected-rows; the surveys and enrollments of a rejected household were left out with it. Warnings: { $warnings }; they point at values worth checking.
cap-quality = Rows read per file
warn-outlier = { $file }, column { $column }: { $n ->
        [one] { $n } value
       *[other] { $n } values
    } far from the others of their survey round{ $where }. Check them against the questionnaire.
warn-shared-nik = { $file }: { $n ->
        [one] { $n } household shares
       *[other] { $n } households share
    } their head's NIK with another household{ $where }. Check whether they are one family registered twice.
warn-other = { $file }, column { $column }: { $n ->
        [one] { $n } warning
       *[other] { $n } warnings
    } "{ $rule }"{ $where }, for example: { $message }
err-other = { $file }, column { $column }: { $n ->
        [one] { $n } error
       *[other] { $n } errors
    } "{ $rule }"{ $where }; those rows are left out. For example: { $message }
dq-rows = lines { $lines }
note-no-warnings = No warnings.

sec-methodology = Methodology
intro-methodology = How each figure is computed. The complete definitions, with every choice made where a definition leaves room, are in the project's docs/indicators.md.
method-eligibility = Eligibility rules of the programs, as written in site.toml:
method-choices = Choices behind the figures:
method-period = Quarters are fiscal quarters counted from the site's fiscal-year start month. The default period is the latest quarter whose three months all have records in the aid ledger; for a site without deliveries, the latest quarter with any dated record (a survey, a course start, a budget line or feedback).
method-active = A household counts in a quarter when it was registered by the quarter's last day and did not move or die before its first day.
method-reached = Reached means at least one delivered distribution in the quarter; failed and returned deliveries do not count.
method-panel = Income change and impact use the panel of households surveyed at baseline and in the round. A household is trained for a round when it completed a course that started before its own survey date.
method-bootstrap = Confidence intervals: 2,000 percentile-bootstrap resamples stratified by training status, with a fixed seed, so the same data always give the same interval. A group of more than 65,536 households (a registry extract, never a village) takes its resample means from their normal limit, with the group's own means, variances and covariance, instead of drawing every household.
method-equity = Equity measures cover active households eligible for at least one program. The concentration index ranks households by baseline income per member, ties sharing their mean rank.
method-empty = A group is listed when the population of the figure (active households, surveyed households, enrollments, feedback items) has members in it; its value is shown as a dash when its denominator is zero, and where one part of a ratio is undefined the other is still given.

sec-sources = Sources of funds
intro-sources = The aid delivered, by the program's funder, per quarter.
cap-sources = Aid delivered by funder and quarter
chart-sources-title = Aid delivered by funder and quarter
chart-sources-summary = Stacked bars: each quarter's delivered aid split by funder. In { $period } the total was { $total }.
sec-uses = Uses of funds
intro-uses = What each program delivered in the quarter, to how many households, and the average value per household reached.
cap-uses = Deliveries by program, { $period }
note-uses = Value delivered counts ledger rows with status delivered. Value per household: value delivered divided by distinct households reached by the program.
chart-uses-trend-title = Aid delivered per program and quarter
sec-recipients = Recipients per RW
intro-recipients = Per RW: how many households meet an aid program's criteria, how many of them the aid programs reached, every household the ledger delivered to, the rupiah delivered and the integrity cases of the quarter.
cap-recipients = Recipients per RW, { $period }
col-households-paid = Households paid
col-flags-quarter = Integrity cases
note-recipients = Coverage counts eligible households the aid programs (not training) reached. Households paid counts every household with a delivered payment, eligible or not; the RW is the household's in households.csv.
note-recipients-no-chart = With more than { $n } RWs the rupiah are not drawn as bars: the table has every RW.
chart-rupiah-rw = Rupiah delivered per RW, { $period }
chart-rupiah-rw-summary = { $total } delivered in { $period } across { $n } RWs.

sec-sites = Sites
intro-sites = The sites compared and the period shown for each.
cap-sites = Sites in this comparison
sec-compare = Indicators side by side
intro-compare = The same indicators, computed the same way, for each site. Coverage and targeting are for the quarter shown, income and poverty for the matching follow-up round, training and feedback over all data.
cap-compare = Indicators by site
note-compare = Under each value: numerator / denominator, or the 95% confidence interval.
chart-site-coverage-title = Coverage per quarter, { $site }
chart-site-did-title = Difference in differences per round, { $site }
sec-programs = Programs side by side
intro-programs = Coverage and targeting of each program of each site in the quarter shown.
cap-programs = Programs by site
sec-comparability = What is comparable
intro-comparability = Read the comparison with these differences in mind.
compare-same-definitions = Every indicator follows the same definition at every site, so the formulas are comparable.
compare-poverty-lines = The poverty lines differ: { $lines }. Poverty headcounts and gaps measure against different lines.
compare-periods-differ = The sites are shown for different quarters; figures of different quarters can reflect seasonal differences.
compare-eligibility = Eligibility rules differ between programs and sites, so coverage measures reach among different groups:
compare-no-training = At least one site has no training records; training indicators are missing there, not zero.
compare-impact = The training impact estimates compare trained with untrained households without random assignment; they describe a difference, not necessarily an effect of training.

## Charts
axis-share = Share
axis-share-eligible = Share of eligible households
axis-share-of-total = Share of the total
axis-rupiah = Rupiah
axis-rupiah-month = Rupiah per month
chart-coverage-title = Coverage by program, { $period }
chart-coverage-trend-title = Coverage per quarter
chart-trend-summary = Lines per quarter from { $first } to { $last }.
chart-trend-summary-one = Values for { $last } only: there is no earlier quarter to compare with.
chart-incidence-title = Who received aid, by welfare decile, { $period }
chart-incidence-summary = Share of reached households and of aid value in each welfare decile (1 poorest). The Coady-Grosh-Hoddinott index is { $cgh }.
chart-income-trend-title = Mean income change, trained and untrained households
chart-income-trend-summary = Mean change in monthly income since baseline for each follow-up round, trained and untrained households.
chart-did-title = Difference in differences with 95% confidence interval
chart-did-summary = The difference in differences in each round with its bootstrap interval; an interval that crosses zero means no clear difference.
chart-spread-title = Spread of income change, round { $round }
chart-spread-summary = Boxes span the 25th to 75th percentile, the thick line is the median, whiskers reach the 10th and 90th percentiles.
chart-poverty-title = Poverty and school enrolment by round
chart-poverty-summary = Poverty headcount, poverty gap and school enrolment at baseline and in each follow-up round; poverty line { $line } per person per month.
chart-training-title = Completion and business start by course
chart-lorenz-title = Lorenz and concentration curves, { $period }
chart-lorenz-summary = The further a curve lies from the line of equality, the more unequal the distribution. Gini between RTs { $gini }; concentration index { $ci }.
chart-rt-coverage-title = Coverage per RT, { $period }
scale-coverage-percent = Coverage, % of eligible households
tiles-lowest = the { $n } lowest
col-reached-of-eligible = Reached / eligible
col-rt-value = Rp per eligible household
col-rt-ratio = Aid / need
note-lowest-groups = The { $shown } of { $total } { $groups } with the lowest value, lowest first; every one is in the CSV file beside this report.
groups-rw = RWs
groups-rt = RTs
groups-head_gender = groups
groups-welfare_decile = deciles
note-appendix-lowest = This village has { $total ->
        [one] { $total } RT
       *[other] { $total } RTs
    }: the { $shown } with the lowest coverage are listed here; every RT is in the CSV file beside this report.
cap-rt-lowest = RTs with the lowest coverage, lowest first ({ $from }–{ $to })
note-no-eligible = No eligible households in: { $groups }.
h-summary = In brief
sum-coverage-aid = In { $period } the aid programs (training aside) reached { $reached } of the { $eligible } eligible households: coverage { $coverage }
sum-coverage-all = In { $period } the programs reached { $reached } of the { $eligible } eligible households: coverage { $coverage }
sum-target-met = The target of { $target } is met.
sum-target-missed = The target of { $target } is not met: { $short } more eligible households would have to be reached.
sum-lowest-program = The lowest coverage is { $program }: { $coverage } ({ $reached } of { $eligible } eligible households).
sum-inclusion-part = { $program } { $n } of { $reached } ({ $share })
sum-inclusion = Households reached by a program whose rule they do not meet (inclusion error): { $list }. The council report flags { $payments ->
        [one] { $payments } payment
       *[other] { $payments } payments
    } to ineligible households; the flags count payments, the inclusion error counts households, so one household can carry several flags.
sum-inclusion-none = Every household reached by a program meets that program's rule (no inclusion error).
sum-income = The monthly income of the { $n } surveyed households changed by { $change } per month on average since the baseline survey.
sum-did = Trained households gained { $did } per month more than untrained ones (difference in differences, { $interval }); they chose to train, so this is an estimate, not a measured effect of the course alone.
sum-training = { $completed } of { $enrolled } course participants completed their course ({ $rate }).
sum-training-missed = The completion target of { $target } is not met.
sum-delivered = In { $period } aid worth { $value } was delivered to { $households ->
        [one] { $households } household
       *[other] { $households } households
    }.
sum-absorption = { $share } of the spending planned for { $period } was realised ({ $realised } of { $planned }).
sum-flags = The integrity checks found { $now } cases worth { $amount_now } in { $period } ({ $n } worth { $amount } in all quarters up to it) that need an answer (see Integrity checks).
sum-flags-none = The integrity checks found nothing to answer.
sum-mismatch-part = { $program } { $period } (gap { $gap })
sum-mismatch = { $n } budget lines do not match the aid ledger: { $list }.
sum-no-budget = There is no budget up to this quarter (add budget.csv or fill in the budget sheet), so the programs' budgets cannot be reconciled with the aid ledger yet.
sum-mismatch-none = Every program's budget line matches the aid ledger.
sum-partner-coverage = Coverage of the aid programs: { $list }.
sum-partner-did = Training impact on monthly income (difference in differences, 95% interval): { $list }.
sum-partner-cost = Cost per household reached: { $list }.
ind-coverage-aid = Coverage of the aid programs
ind-exclusion_error-aid = Exclusion error, aid programs
ind-inclusion_error-aid = Inclusion error, aid programs
unit-rupiah_per_month = per month
unit-rupiah_per_household = per household
column-members = household members
column-monthly_income = monthly income
column-monthly_expenditure = monthly expenditure
column-value = value
column-head_nik = head's NIK
intro-appendix-rt = Every RT's figures, by RW: households reached of those eligible, coverage, aid value per eligible household and the aid-to-need ratio. The same rows are in the CSV file beside this report.
chart-rt-coverage-summary = Coverage of all programs in { $n ->
        [one] { $n } RT
       *[other] { $n } RTs
    }. Lowest (framed): { $lowest }. Highest: { $high } ({ $highvalue }).
chart-rt-below-target = { $below ->
        [one] { $below } RT is
       *[other] { $below } RTs are
    } below the target of { $target }.

## Budget and integrity (council report)
sec-budget = Budget: planned and realised
intro-budget = What the village planned to receive and spend this quarter and since the start of the fiscal year, against what was actually received and spent (budget.csv).
col-category = Source or use
col-planned = Planned
col-realised = Realised
col-planned-ytd = Planned, year to date
col-realised-ytd = Realised, year to date
col-realisation = Realisation
col-absorption-ytd = Realisation, year to date
kind-revenue = Revenue by source
kind-expense = Spending by use
total-revenue = All revenue
total-expense = All spending
cap-budget = Planned and realised, { $period } and fiscal year { $year } to date
note-budget = Realisation is realised divided by planned (for spending this is budget absorption). Funding share is a source's realised revenue divided by all realised revenue. Balance is realised revenue minus realised spending.
use-operations = Operations
use-training = Training
axis-percent = Percent
chart-planned-realised = Planned and realised spending, { $period }
chart-realisation-revenue = Revenue realised by source, fiscal year to date through { $period }
chart-realisation-expense = Spending realised by use, fiscal year to date through { $period }
chart-realisation-summary = { $realised } realised of { $planned } planned in the fiscal year to date through { $period }.
realised-of-planned = { $share } · { $realised } of { $planned }
chart-planned-realised-summary = Planned spending { $planned }, realised { $realised }: absorption { $absorption }. One pair of bars per use.
chart-absorption-trend = Budget absorption and revenue realisation per quarter
chart-absorption-trend-summary = Share of the planned amount realised in each quarter from { $first } to { $last }; absorption in { $last } was { $value }. The axis starts at { $from }, so the change between quarters shows.
sec-cost = Cost per household reached
intro-cost = Realised spending of each program divided by the households its deliveries reached, in the quarter and in the fiscal year to date; and how much of the goods were bought locally and packed without waste.
col-cost-quarter = This quarter
col-cost-ytd = Fiscal year to date
cap-cost = Cost per household reached, { $period }
note-cost = Year to date divides the year's spending by the distinct households reached in the year, so a household helped every quarter counts once.
all-goods = All goods programs
cap-sourcing = Goods bought locally and packed sustainably, { $period }
sec-reconciliation = Budget against the aid ledger
intro-reconciliation = Every program's realised spending in the budget is compared with the value of the deliveries recorded in the aid ledger for the same program and quarter. A gap means money reported as spent that the ledger does not show delivered (over), or deliveries the budget does not account for (under).
col-budget-lines = budget.csv lines
col-ledger-delivered = Delivered in the ledger
col-gap = Gap
col-verdict = Verdict
verdict-matches = matches
verdict-over = budget over ledger
verdict-under = budget under ledger
no-budget-line = no budget line
deliveries-households = { $n ->
        [one] { $n } delivery
       *[other] { $n } deliveries
    }, { $households ->
        [one] { $households } household
       *[other] { $households } households
    }
cap-reconciliation = Reconciliation, { $period }
note-reconciliation = Gap = realised spending − value delivered in the ledger; the percentage is of realised spending. A line matches when the gap is at most { $share } of realised spending or { $rupiah }, whichever is larger (site.toml, [reconciliation]).
reconciliation-all-match = Every program line up to this quarter matches the ledger.
cap-reconciliation-open = Lines that do not match, up to { $period }
reconciliation-rows = { $program } { $period }: { $n } ledger rows behind the line, distributions.csv lines { $lines }.
note-all-data-later = “All data” runs past { $period }: it includes the records up to { $last }.
note-exports = Every row behind these figures is in the exports beside this report: { $files }.
sec-integrity = Integrity checks
intro-integrity = Payments that need an explanation, counted by RW and program. Every case, with the file and line numbers it comes from, is in the exports beside this report, so anyone can check it against the ledger and the registry. Identification numbers are shown only by their region digits.
col-flag = Check
col-cases-in = Cases in { $period }
col-amount-in = Amount in { $period }
col-amount = Amount
col-cases-to-date = Cases to date
col-amount-to-date = Amount to date
cap-flags = Integrity flags, { $period } and all quarters up to it
cap-flags-trend = Cases per quarter
cap-flag-cases = { $flag } ({ $n })
rw-unregistered = Not in the registry
rw-unregistered-or-rejected = Not in the registry, or its row rejected
rw-others = Other { $n } RWs
note-flag-table = Each cell: cases and their rupiah, all quarters up to this one. A case here: { $about }. The ledger and registry lines of every case are in { $files }.
note-flag-criteria = The programs' criteria: { $criteria }.
detail-duplicate = paid again in { $month }; first payment on line { $line } ({ $id })
detail-ineligible = not eligible: { $criteria }
detail-after-exit = paid after the household { $status } on { $date }
head_gender-L = male
head_gender-P = female
status-active = active
status-moved = moved away
status-deceased = died
detail-over = { $delivered } delivered in the quarter, at most { $allowed } allowed
detail-nik = head NIK { $nik } on { $n ->
        [one] { $n } household
       *[other] { $n } households
    }
detail-unregistered = household not in households.csv
about-flag_duplicate_payment = the same household paid twice in one month by a monthly program
about-flag_ineligible_payment = paid to a household outside the program's criteria
about-flag_payment_after_exit = paid after the household moved away or the head died
about-flag_over_entitlement = more than three months of entitlement in one quarter
about-flag_duplicate_nik = one head NIK registered on two households
about-flag_unregistered_recipient = paid to a household that is not in the registry
fig-flags = Integrity flags to date
basis-flags = { $amount } involved
ind-budget_absorption = Budget absorption
ind-revenue_realisation = Revenue realisation
ind-budget_balance = Balance
ind-funding_share = Funding share
ind-reconciliation_gap = Reconciliation gap
ind-reconciliation_gap_share = Reconciliation gap (% of realised)
ind-cost_per_beneficiary = Cost per household reached
ind-local_sourcing_share = Bought locally
ind-eco_packaging_share = Sustainable packaging
ind-flag_duplicate_payment = Double payment
ind-flag_ineligible_payment = Payment to an ineligible household
ind-flag_payment_after_exit = Payment after moving or death
ind-flag_over_entitlement = Above entitlement
ind-flag_duplicate_nik = One NIK on two households
ind-flag_unregistered_recipient = Recipient not in the registry
ind-flag_amount = Amount flagged
def-budget_absorption = Realised spending divided by planned spending, per use and in total, for the quarter and for the fiscal year to date.
def-revenue_realisation = Realised revenue divided by planned revenue, per source and in total.
def-budget_balance = Realised revenue minus realised spending.
def-funding_share = A source's realised revenue divided by all realised revenue.
def-reconciliation_gap = A program's realised spending in the quarter minus the value of its delivered ledger rows in that quarter, in rupiah.
def-reconciliation_gap_share = The reconciliation gap divided by the program's realised spending.
def-cost_per_beneficiary = A program's realised spending divided by the distinct households its delivered rows reached in the period; for all programs, the spending of all program lines over the households reached by any program. A program that delivered without an expense line in the period has no value (what was spent is unknown); its reconciliation shows the gap.
def-local_sourcing_share = Value of delivered goods marked locally sourced divided by the value of all delivered goods (an empty mark counts as not local).
def-eco_packaging_share = Value of delivered goods marked with reusable or recycled packaging divided by the value of all delivered goods (an empty mark counts as no).
def-flag_duplicate_payment = Delivered rows of a monthly program repeating an earlier delivery to the same household in the same calendar month; the earliest (by date, then line) is the payment, each later one is a case.
def-flag_ineligible_payment = Delivered rows to a registered household whose eligibility criteria for the program are not met.
def-flag_payment_after_exit = Delivered rows dated after the household's status change to moved or deceased.
def-flag_over_entitlement = A household's delivered value of a monthly program in one quarter above three times the monthly entitlement; the amount is the excess.
def-flag_duplicate_nik = A head NIK that appears on two or more households; the amount is what those households received.
def-flag_unregistered_recipient = Delivered rows whose household_id is not in households.csv. A household whose row there was rejected as invalid is not counted here: the data-quality table lists its deliveries.
def-flag_amount = Rupiah involved in a flag's cases: the payments, or the excess for over-entitlement.

## Public recipient notice
notice-title = Recipients of { $program }, { $period }
notice-subtitle = Aid delivered from { $from } to { $to } · funded by { $funder }
notice-period = Quarter { $quarter } ({ $months }) { $year }
notice-intro = This list is published so that everyone can check who received { $program } this quarter, and object if something is wrong.
notice-h-criteria = Who qualifies
notice-rule = The rule as written in the village's settings:
notice-posted = Posted
notice-h-deadline = Objections
notice-deadline = until { $date } ({ $days ->
        [one] { $days } day
       *[other] { $days } days
    } after posting)
notice-channel = Where to object
notice-h-index = RWs and RTs
notice-list-number = list no.
notice-signed-title = Head of { $village } village (Kepala Desa)
notice-signature-space = (signature and stamp)
notice-summary = { $n ->
        [one] { $n } household
       *[other] { $n } households
    } received { $amount } in total.
notice-col-number = No.
notice-col-name = Head of household
notice-col-deliveries = Times received
notice-deliveries-note = "Times received" is how many times the household received this aid in the quarter.
notice-h-complaint = Objections and complaints
notice-complaint-intro = If someone on this list should not be on it, or someone who should be is missing, please tell us before the objection period ends. Every report is recorded and answered.
notice-complaint-default = At the village office (kantor desa) during opening hours, or through your RT/RW head.
notice-privacy = To protect personal data, names are shortened and neither NIK nor family card numbers are shown. Similar names within one RT are told apart by more letters or the village list number.
notice-privacy-full = Names are shown in full as agreed by the village; neither NIK nor family card numbers are shown.
notice-unregistered = { $n ->
        [one] { $n } delivery
       *[other] { $n } deliveries
    } worth { $amount } went to households that are not in the village registry and cannot be listed here; they are reported to the village council ({ $flag }).
notice-rejected = { $n ->
        [one] { $n } delivery
       *[other] { $n } deliveries
    } worth { $amount } went to households whose row in the village registry was set aside as invalid and cannot be listed here until it is corrected; the report's data-quality section lists them.

# Eligibility rules in plain words (report/criteria.rs).
crit-all = every household
crit-nobody = no household
crit-and = and
crit-or = or
crit-not = not
crit-people = { $n }
crit-decile = welfare decile { $range }
crit-lt = { $column } less than { $value }
crit-le = { $column } at most { $value }
crit-gt = { $column } more than { $value }
crit-ge = { $column } at least { $value }
crit-eq = { $column } { $value }
crit-ne = { $column } other than { $value }
crit-between = { $column } { $low } to { $high }
crit-missing = { $column } left empty
crit-present = { $column } filled in
crit-col-welfare_decile = welfare decile
crit-col-members = household members
crit-col-children = children
crit-col-school_age_children = school-age children
crit-col-elderly = older people (60 and over)
crit-col-disabled = members with a disability
crit-col-rw = RW
crit-col-rt = RT
crit-col-status = status
crit-col-head_gender = gender of the household head
crit-col-registered_on = date registered
col-difference = Difference ({ $a } − { $b })
col-spread = Highest − lowest
chart-estimate-title = { $indicator }: each site with its 95% confidence interval
note-small-multiples = Below, each site over time; charts of one indicator share their value axis, so their heights compare.
col-spending = Program spending
col-flags-per-100 = Cases per 100 households reached
sec-partner-cost = Cost-effectiveness
intro-partner-cost = What each site spent in its quarter, how many households that reached, how much of the budget was used and how many integrity cases it had for every 100 households reached.
cap-partner-cost = Cost-effectiveness per site
note-partner-cost = Cost per household reached = realised spending of every program's expense lines in the quarter ÷ households a delivered payment reached. Integrity cases are the payments flagged in the quarter (a shared NIK is a registry case and is not counted).
no-deliveries-section = The aid ledger ({ $file }) has no delivery up to { $period }, so this section has nothing to show. With deliveries it shows { $what }.
missing-table-section = This section will show { $what }. Its data are not there yet: add { $file } to the village folder (docs/data-contract.md describes its columns) and make the report again.
missing-sheet-section = This section will show { $what }. Its data are not there yet: fill in the { $sheet } sheet of { $file } (its instructions sheet describes the columns) and make the report again.
what-training = who takes part in skills training, attendance, completion and businesses started, by course and participant gender
what-feedback = community feedback received and resolved, by category and channel, and how long resolution takes
what-budget = the budget planned and realised per funding source and program, its absorption, and its reconciliation with the aid ledger
what-coverage = how many eligible households each aid program reached, who was missed and who was paid without meeting the criteria, by program, decile, RW and the head's gender
what-equity = how evenly aid reached the RTs: a tile per RT, the Lorenz and concentration curves and the Gini and Theil indices
what-uses = where the aid money came from and went: by funder, by program and per RW, with failed and returned deliveries and the cost per household reached
sum-no-deliveries = No aid was delivered up to { $period } ({ $file } has no delivery): this report is about the training, income and poverty.
sum-no-deliveries-nor-training = No aid was delivered up to { $period } ({ $file } has no delivery) and there is no training record yet: this report is about income and poverty.
sum-no-deliveries-council = No aid was delivered up to { $period } ({ $file } has no delivery); the budget, registry checks and feedback below still apply.
course-membatik = Batik making
course-menjahit = Sewing
course-olahan_pangan = Food processing
course-usaha_kecil = Small business

## District summary: many villages in one run.
audience-district-evaluator = District summary · evaluator reports
audience-district-council = District summary · council reports
title-district = Summary of { $n ->
        [one] { $n } village
       *[other] { $n } villages
    }
subtitle-district = Each village's headline figures, { $period }
provenance-reports = Each village's report and its sha256 checksum
sum-district-count = { $n ->
        [one] { $n } village
       *[other] { $n } villages
    } reported for { $period }; each village name in the table opens its full report.
sum-district-lowest = Lowest { $indicator }: { $villages }.
sum-district-highest = Highest { $indicator }: { $villages }.
col-rank = No.
col-village = Village
col-impact = Training impact (DiD)
sec-district-ranking = Villages by coverage
intro-district-ranking = Villages are ordered from the lowest coverage up, so those that most need attention come first. The figures under each value are what it is computed from.
cap-district-ranking = Headline figures per village, lowest coverage first
note-district-ranking = Coverage and exclusion error are those of the aid programs where a village also runs training. A dash means the village has no data for that figure.
intro-district-method = Each figure is computed for each village on its own, with the same definitions as in the village reports.
method-district-aid = Coverage and exclusion error: for a village with both aid programs and training, of the aid programs together; otherwise of all programs.
method-district-cases = Cases per 100 households reached = payments flagged in the quarter ÷ households a delivered payment reached in the quarter × 100 (a shared NIK is a registry case and is not counted).
method-district-order = Order: coverage from the lowest; villages without a coverage figure last; ties by village name. Each village's quarter is its latest complete quarter unless --period is given.
cap-compare-ranked = { $indicator }: sites from the lowest value
sum-partner-extremes = lowest { $lowest }; highest { $highest }

## pantau explain: the letter to one household
audience-letter = Letter to the household
explain-title = Why your household is or is not eligible for social assistance
explain-heading = Household { $household } ({ $name }), { $site }
explain-household = Household { $household }
explain-summary-yes = Eligible: { $programs }.
explain-summary-no = Not eligible: { $programs }.
explain-summary-object = Objections may be made until { $date }.
explain-decile-note = Welfare decile: 1 is the poorest 10% of households in the welfare data, 10 the best-off 10%.
explain-intro = This letter explains, from the village's records, why your household is or is not eligible for each aid program in { $period }, and what it is recorded to have received.
explain-source = { $file } line { $line }
explain-h-facts = Registry values the rules read
explain-h-programs = Programs and their rules
explain-h-received = Aid recorded as received
explain-h-flags = Integrity flags
explain-h-object = Objections
explain-h-if = What would change the answer
explain-eligible = Eligible in { $period }.
explain-not-eligible = Not eligible in { $period }.
explain-inactive = Not eligible in { $period }: the household was not active in this quarter ({ $status }).
explain-registered = registered on { $date }
explain-status = { $status } since { $date }
explain-met = met
explain-not-met = not met
explain-unknown = cannot be decided because the value is empty (counts as not met)
explain-empty = not recorded
explain-all-of = all of the following
explain-any-of = at least one of the following
explain-none-of = not the following
explain-value = household has { $value }
explain-change = Would be eligible if { $column } were { $to } (now { $now }).
explain-or-lower = { $value } or lower
explain-or-higher = { $value } or higher
explain-range = { $low } to { $high }
explain-filled = filled in
explain-emptied = left empty
explain-no-change = No change in a single value would make it eligible.
explain-rule-unread = This rule uses SQL that is not broken down clause by clause; only its answer is shown.
explain-delivery-delivered = delivered
explain-delivery-failed = failed
explain-delivery-returned = returned
explain-entitlement = entitled to { $amount }
explain-delivered = { $amount } delivered
explain-nothing-received = No deliveries to this household are recorded up to this quarter.
explain-no-flags = No integrity flag involves this household.
explain-others = other households: { $ids }
explain-object = Objections to this explanation may be made until { $date } ({ $days ->
        [one] { $days } day
       *[other] { $days } days
    } from this letter): { $channel }
explain-col-clause = Condition
explain-col-household = Household
explain-col-answer = Result
explain-col-column = Value read
explain-col-value = Recorded
explain-col-source = Source
explain-col-quarter = Quarter
explain-col-delivered = Delivered
explain-col-entitled = Entitlement
explain-col-date = Date
explain-col-status = Status
explain-col-flag = Flag
explain-rule-as-written = The rule as written:
explain-h-feedback = Feedback from this household
explain-no-feedback = No feedback item in the records names this household.
explain-feedback-open = not yet resolved
explain-feedback-resolved = resolved on { $date }
explain-col-received = Received
explain-col-item = Feedback
explain-col-topic = Topic
audience-feedback = Unresolved feedback, for the officer
explain-batch-title = Unresolved feedback: { $category }
explain-batch-period = Letters explain eligibility in { $period }
explain-batch-intro-no-letter = Unresolved items (no resolution date): { $items }. None names a household of the registry, so no letter was written.
explain-batch-intro = Unresolved items (no resolution date): { $items }. Letters written: { $letters }, one per household.
explain-batch-unanswered = Items without a letter: { $unanswered }; they name no household, or one the registry does not have, so answer them in public (a village meeting or the notice board).
explain-batch-anonymous = No household named: no letter.
explain-batch-unknown = The household is not in { $file } (or its row was rejected): no letter.
explain-batch-col-household = Household
explain-batch-col-answer = What the letter says
explain-batch-col-letter = Letter
explain-batch-none = There is no unresolved item of this category.
crit-col-head_nik = head NIK
crit-col-household_id = household number
crit-col-status_changed_on = date of status change

## pantau simulate: rules and money for the village meeting
sim-heading = Simulation of { $program }, { $site }, { $quarter }: { $households } active households; { $amount } per household per month.
sim-budget = Budget for the quarter: { $budget } ({ $source }).
sim-no-budget = Budget for the quarter: the program has no budget line for this quarter; use --budget.
sim-round = Poverty is measured in survey round { $round } ({ $surveyed ->
        [one] { $surveyed } household
       *[other] { $surveyed } households
    } surveyed), poverty line { $line } per person and month.
sim-no-round = No surveys: the poverty measures cannot be computed.
sim-served-note = The poverty, coverage, decile and overlap figures below are for the households served within the budget.
sim-eligible = Households eligible
sim-cost-quarter = Cost per quarter
sim-cost-year = Cost per fiscal year
sim-served = Served within the budget
sim-left-out = Left out
sim-poor-coverage = Coverage of poor households
sim-non-poor-share = Recipients who are not poor
sim-cgh = Coady-Grosh-Hoddinott index
sim-headcount-before = Poverty headcount before
sim-headcount-after = Poverty headcount after
sim-gap-before = Poverty gap before
sim-gap-after = Poverty gap after
sim-lifted = Households lifted out of poverty
sim-cost-per-lifted = Yearly cost per household lifted
sim-cost-per-gap-point = Yearly cost per point of poverty gap closed
sim-incidence = Recipients in decile { $decile }
sim-overlap = Recipients also eligible for { $program }
sim-h-rw = Eligibility gained and lost per RW against the current rule
sim-rw-change = { $rw }: { $gaining } gaining, { $losing } losing
sim-rw-none = no change
audience-brief = Brief for the village meeting
brief-title = Options for who receives { $program }
brief-h-key = In short
brief-key-budget = The quarter's budget of { $budget } pays for { $served ->
        [one] { $served } household
       *[other] { $served } households
    }.
brief-key-same = { $option }: the same households are served as under the current rule, although { $eligible ->
        [one] { $eligible } household is
       *[other] { $eligible } households are
    } eligible.
brief-key-change = { $option }: { $gaining ->
        [one] { $gaining } household starts
       *[other] { $gaining } households start
    } being served and { $losing } served now stop; coverage of poor households { $poor } (now { $current }).
brief-budget-line = budget for the quarter
brief-h-options = The options compared
brief-h-charts = At a glance
brief-h-table = All figures
brief-h-method = How the figures are computed
brief-col-measure = Measure
brief-current = Current rule
brief-proposal = Proposal { $n }
brief-best = Lowest cost per point of poverty gap closed.
brief-eligible = { $n ->
        [one] { $n } household
       *[other] { $n } households
    } eligible; costs { $cost } a quarter ({ $year } a year).
brief-fits = The quarter's budget covers all of them.
brief-short = The quarter's budget covers only { $served ->
        [one] { $served } household
       *[other] { $served } households
    }; { $left ->
        [one] { $left } is
       *[other] { $left } are
    } left out.
brief-no-budget = No budget for the quarter to compare with.
brief-poor = Reaches { $share } of poor households; { $nonpoor } of recipients are not poor.
brief-poverty = Poverty headcount from { $before } to { $after }; { $lifted ->
        [one] { $lifted } household
       *[other] { $lifted } households
    } lifted out of poverty.
brief-change = Against the current rule: { $gaining ->
        [one] { $gaining } household gains
       *[other] { $gaining } households gain
    } eligibility, { $losing } lose it.
brief-chart-cost = Cost per quarter
brief-chart-cost-summary = What it costs when every eligible household receives the full amount for a quarter.
brief-chart-poor = Coverage of poor households
brief-chart-poor-summary = Share of poor households (latest survey round) served within the budget.
brief-chart-deciles = Recipients by welfare decile
brief-chart-deciles-summary = Share of recipients in each decile; the more in the lowest deciles, the better targeted.
brief-chart-rw = Households gaining and losing eligibility per RW
brief-chart-rw-summary = Households per RW that become eligible or stop being eligible against the current rule (counts only, no names).
brief-decile = Decile { $decile }
brief-gaining = { $option }: gaining
brief-losing = { $option }: losing
brief-method-serving = When the quarter's budget is not enough, the lowest welfare decile is served first, then the lowest income per member in the latest survey round, then the household number.
brief-method-poverty = Poor: household income per month below the poverty line times the number of members. After the transfer: the monthly amount is added to the income of each household served.
brief-method-decile = Welfare decile: 1 is the poorest 10% of households in the welfare data, 10 the best-off 10%. Coady-Grosh-Hoddinott index: the share of recipients in deciles 1–4 divided by 40%; above 1 is better targeted than an even split. Poverty gap: the average shortfall of income per member below the poverty line, as a share of the line (0 for those not poor).
brief-method-static = The figures do not account for changes in behaviour, prices or take-up; they are a first estimate for the meeting.
