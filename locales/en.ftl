# pantau report messages, English.
# Numbers, money and dates arrive already formatted ($value, $period, ...).

## Page
audience-evaluator = Evaluator report
audience-council = Council report
audience-partner = Partner report
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
col-aid-type = Aid type

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
ind-feedback_resolution_rate = Resolved
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
def-aid_theil_between_rt = Σ over RTs of (N_RT/N)(μ_RT/μ) ln(μ_RT/μ): the part of inequality due to differences between RT means.
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
basis-value-households = { $value } over { $n } households
basis-deliveries = of { $n } deliveries recorded

## Sections
sec-coverage = Coverage and targeting
intro-coverage = Who the programs reached among the households that meet each program's eligibility rule, and who received aid without meeting it. Each percentage shows the numerator and denominator behind it.
cap-coverage-programs = Coverage and targeting by program, { $period }
cap-coverage-by = All programs by { $by }, { $period }
note-numerator-denominator = Small print under each value: numerator / denominator (households, or rupiah for adequacy). A dash means the denominator is zero.
cap-overlap = Households reached by both programs, { $period }
note-overlap = { $n } households were reached by two or more programs. The diagonal counts the households reached by each program.

sec-income = Income change and impact
intro-income = Income change compares each household's income in a follow-up survey with its own baseline income. Trained households completed a course before their survey; the difference in differences compares their income change with that of the other households, with a 95% bootstrap confidence interval.
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
intro-quality = The input files passed validation with { $errors } errors and { $warnings } warnings. Warnings do not stop the report; they point at values worth checking.
cap-quality = Rows read per file
note-no-warnings = No warnings.

sec-methodology = Methodology
intro-methodology = How each figure is computed. The complete definitions, with every choice made where a definition leaves room, are in the project's docs/indicators.md.
method-eligibility = Eligibility rules of the programs, as written in site.toml:
method-eligibility-item = { $code } ({ $name }): { $rule }
method-choices = Choices behind the figures:
method-period = Quarters are fiscal quarters counted from the site's fiscal-year start month. The default period is the latest quarter whose three months all have records in the aid ledger.
method-active = A household counts in a quarter when it was registered by the quarter's last day and did not move or die before its first day.
method-reached = Reached means at least one delivered distribution in the quarter; failed and returned deliveries do not count.
method-panel = Income change and impact use the panel of households surveyed at baseline and in the round. A household is trained for a round when it completed a course that started before its own survey date.
method-bootstrap = Confidence intervals: 2,000 percentile-bootstrap resamples stratified by training status, with a fixed seed, so the same data always give the same interval.
method-equity = Equity measures cover active households eligible for at least one program. The concentration index ranks households by baseline income per member, ties sharing their mean rank.
method-empty = A value is shown as a dash when its denominator is zero.

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
intro-recipients = How many eligible households each RW has and how many received aid in the quarter.
cap-recipients = Recipients per RW, { $period }

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
chart-rt-coverage-summary = Coverage of all programs in { $n } RTs, from { $low } ({ $lowvalue }) to { $high } ({ $highvalue }); { $below } RTs below the target.
