# Pesan laporan pantau, Bahasa Indonesia.
# Angka, uang dan tanggal datang sudah diformat ($value, $period, ...).

## Halaman
audience-evaluator = Laporan evaluator
audience-council = Laporan untuk BPD dan pemerintah desa
audience-partner = Laporan mitra
title-evaluator = Laporan dampak triwulanan: { $site }
title-council = Transparansi anggaran bantuan: { $site }
title-partner = Perbandingan desa: { $sites }
subtitle-evaluator = Program bantuan sosial, triwulan { $period }
subtitle-council = Dari mana dana bantuan berasal dan ke mana disalurkan, triwulan { $period }
subtitle-partner = Indikator yang sama berdampingan, triwulan { $period }
site-code = kode desa
synthetic-banner = Data sintetis: laporan ini dibuat dari data contoh buatan dan tidak menggambarkan orang atau rumah tangga yang nyata.
h-headlines = Angka utama
h-toc = Daftar isi
h-provenance = Asal data
provenance-made-by = Dibuat dengan
provenance-generated = dibuat pada
provenance-inputs = Berkas masukan dan checksum sha256-nya
total = Jumlah
all-programs = Semua program
period-all = seluruh data
round-baseline = survei awal
target = Target
target-completion = Target kelulusan
target-poverty = Target kemiskinan
target-met = target { $target }: tercapai
target-missed = target { $target }: belum tercapai
target-only = target { $target }
change-since = { $delta } dibanding { $period }
ci-range = SK 95% { $low } s.d. { $high }
n-obs = n = { $n }
per-month = { $value } per bulan
decile-n = Desil { $n }
equal-share = Bagian merata (10%)
gender-male = Laki-laki (L)
gender-female = Perempuan (P)
group-trained = Ikut pelatihan
group-untrained = Tidak ikut pelatihan
chart-no-data = Tidak ada data untuk grafik ini.

## Judul kolom
col-program = Program
col-eligible = Rumah tangga layak
col-reached = Rumah tangga terjangkau
col-round = Putaran survei
col-panel = Rumah tangga panel
col-period = Periode
col-value = Nilai bantuan
col-theil-inside = Theil T di dalam RT
col-file = Berkas
col-rows-read = Baris dibaca
col-rows-accepted = Diterima
col-rows-rejected = Ditolak
col-warnings = Peringatan
col-bytes = Byte
col-site = Desa
col-funder = Sumber dana
col-share-period = Porsi dalam triwulan
col-deliveries = Penyaluran
col-households-reached = Rumah tangga terjangkau
col-value-delivered = Nilai tersalurkan
col-cost-per-household = Nilai per rumah tangga terjangkau
col-entitlement = Hak bantuan
col-failed = Gagal
col-returned = Dikembalikan
col-indicator = Indikator
col-programs = Program
col-poverty-line = Garis kemiskinan (per orang per bulan)
col-households = Rumah tangga terdaftar
col-aid-type = Jenis bantuan

## Pemilahan
by-rw = RW
by-rt = RT
by-head_gender = Kepala keluarga
by-welfare_decile = Desil kesejahteraan
by-trained = Pelatihan
by-course = Kursus
by-participant_gender = Peserta
by-category = Kategori
by-channel = Saluran
category-complaint = Pengaduan
category-suggestion = Saran
category-question = Pertanyaan
category-appreciation = Apresiasi
channel-meeting = Musyawarah warga
channel-social_media = Media sosial
channel-flyer = Selebaran
channel-box = Kotak saran
channel-phone = Telepon
channel-other = Lainnya

## Jenis bantuan dan sumber dana
aid-cash = tunai
aid-goods = barang
aid-service = layanan
aid-training = pelatihan
aid-scholarship = beasiswa
funder-dana_desa = Dana Desa
funder-csr = CSR perusahaan
funder-donation = Donatur
funder-ngo = LSM
funder-apbd = APBD
funder-apbn = APBN

## Nama indikator
ind-coverage = Cakupan
ind-exclusion_error = Galat eksklusi
ind-inclusion_error = Galat inklusi
ind-beneficiary_incidence = Insidensi penerima
ind-benefit_incidence = Insidensi manfaat
ind-cgh = Indeks Coady-Grosh-Hoddinott
ind-adequacy = Kecukupan
ind-regularity = Keteraturan
ind-overlap_households = Rumah tangga di dua program atau lebih
ind-income_change_mean = Rata-rata perubahan pendapatan
ind-income_change_median = Median perubahan pendapatan
ind-income_improved_share = Porsi yang pendapatannya naik
ind-income_impact_simple_diff = Selisih pendapatan terlatih dan tidak terlatih
ind-income_impact_did = Selisih dalam selisih (DiD)
ind-poverty_headcount = Tingkat kemiskinan
ind-poverty_gap = Kedalaman kemiskinan
ind-school_enrolment_rate = Partisipasi sekolah
ind-training_enrolled = Pendaftaran
ind-training_women_share = Porsi perempuan
ind-training_attendance_rate = Kehadiran
ind-training_completion_rate = Kelulusan
ind-training_business_rate = Memulai usaha
ind-training_participation_rate = Partisipasi pelatihan
ind-rt_value_per_eligible = Nilai per rumah tangga layak
ind-rt_aid_to_need_ratio = Rasio bantuan terhadap kebutuhan
ind-rt_allocation_gini = Gini antar-RT
ind-aid_theil = Theil T bantuan
ind-aid_theil_between_rt = Theil T antar-RT
ind-aid_theil_within_rt = Theil T dalam RT
ind-aid_concentration_index = Indeks konsentrasi
ind-feedback_count = Masukan diterima
ind-feedback_resolution_rate = Terselesaikan
ind-feedback_median_days = Median hari penyelesaian

## Definisi indikator (lampiran metodologi)
def-coverage = Rumah tangga layak yang menerima setidaknya satu penyaluran berstatus delivered dalam triwulan, dibagi rumah tangga layak yang aktif dalam triwulan.
def-exclusion_error = Rumah tangga layak yang tidak terjangkau, dibagi rumah tangga layak (1 − cakupan).
def-inclusion_error = Rumah tangga terjangkau yang tidak layak, dibagi rumah tangga terjangkau.
def-beneficiary_incidence = Rumah tangga terjangkau dalam satu desil kesejahteraan, dibagi semua rumah tangga terjangkau.
def-benefit_incidence = Nilai yang disalurkan ke satu desil kesejahteraan, dibagi seluruh nilai yang disalurkan.
def-cgh = Nilai yang disalurkan ke desil 1–4, dibagi 0,40 × seluruh nilai yang disalurkan. Nilai 1 netral; di atas 1 berpihak pada 40% termiskin.
def-adequacy = Nilai yang disalurkan dalam triwulan ke rumah tangga terjangkau, dibagi 3 × pendapatan bulanan survei awal rumah tangga yang sama (rasio jumlah; rumah tangga tanpa pendapatan survei awal tidak dihitung).
def-regularity = Jumlah bulan dalam triwulan yang ada penyaluran, dijumlahkan atas rumah tangga terjangkau, dibagi 3 × rumah tangga terjangkau; hanya program dengan hak bulanan.
def-overlap_households = Rumah tangga yang terjangkau dua program atau lebih dalam triwulan (jumlah); matriks menghitung rumah tangga yang terjangkau kedua program dari setiap pasangan.
def-income_change_mean = Rata-rata pendapatan pada putaran dikurangi pendapatan survei awal, atas panel (rumah tangga yang disurvei pada survei awal dan pada putaran itu).
def-income_change_median = Median dari perubahan yang sama; bila jumlah rumah tangga genap, rata-rata dua nilai tengah.
def-income_improved_share = Rumah tangga panel yang pendapatannya naik, dibagi rumah tangga panel.
def-income_impact_simple_diff = Rata-rata pendapatan pada putaran rumah tangga terlatih dikurangi rumah tangga tidak terlatih, dengan selang kepercayaan bootstrap persentil 95%.
def-income_impact_did = Rata-rata perubahan pendapatan rumah tangga terlatih dikurangi rumah tangga tidak terlatih, dengan selang kepercayaan bootstrap persentil 95%.
def-poverty_headcount = Rumah tangga dengan pendapatan bulanan di bawah garis kemiskinan × jumlah anggota, dibagi rumah tangga yang disurvei pada putaran itu.
def-poverty_gap = Rata-rata atas rumah tangga yang disurvei dari max(0, (z − y) / z), y pendapatan per anggota dan z garis kemiskinan (FGT1).
def-school_enrolment_rate = Jumlah anak yang bersekolah dibagi jumlah anak usia sekolah (dari registrasi).
def-training_enrolled = Pendaftaran pada kursus yang dimulai dalam periode (jumlah).
def-training_women_share = Pendaftaran perempuan dibagi seluruh pendaftaran.
def-training_attendance_rate = Sesi yang dihadiri dibagi sesi yang diadakan.
def-training_completion_rate = Pendaftaran yang lulus dibagi seluruh pendaftaran.
def-training_business_rate = Pendaftaran lulus yang memulai usaha, dibagi pendaftaran yang lulus.
def-training_participation_rate = Rumah tangga layak pelatihan dengan setidaknya satu pendaftaran, dibagi rumah tangga layak pelatihan.
def-rt_value_per_eligible = Nilai bantuan yang disalurkan ke rumah tangga layak di RT itu, dibagi jumlah rumah tangga layaknya.
def-rt_aid_to_need_ratio = Porsi nilai bantuan RT dibagi porsi rumah tangga layaknya; 1 berarti sebanding.
def-rt_allocation_gini = Gini nilai per rumah tangga layak antar-RT, tiap RT diberi bobot jumlah rumah tangga layaknya: Σᵢ Σⱼ wᵢ wⱼ |xᵢ − xⱼ| / (2 W² μ).
def-aid_theil = Theil T nilai bantuan atas rumah tangga layak: (1/N) Σ (yᵢ/μ) ln(yᵢ/μ), dengan 0 ln 0 = 0.
def-aid_theil_between_rt = Σ atas RT dari (N_RT/N)(μ_RT/μ) ln(μ_RT/μ): bagian ketimpangan karena perbedaan rata-rata antar-RT.
def-aid_theil_within_rt = Σ atas RT dari porsi nilai RT × Theil T di dalam RT. Antar + dalam = total.
def-aid_concentration_index = 2 kov(nilai, r) / rata-rata(nilai), r peringkat fraksional menurut pendapatan per anggota pada survei awal (termiskin lebih dulu). Negatif: bantuan lebih banyak ke yang lebih miskin.
def-feedback_count = Masukan yang diterima dalam periode (jumlah).
def-feedback_resolution_rate = Masukan yang memiliki tanggal penyelesaian, dibagi masukan yang diterima.
def-feedback_median_days = Median jumlah hari dari penerimaan sampai penyelesaian, atas masukan yang terselesaikan.

## Angka utama laporan BPD
fig-value-delivered = Nilai bantuan tersalurkan
fig-households-reached = Rumah tangga terjangkau
fig-value-per-household = Nilai per rumah tangga terjangkau
fig-not-delivered = Penyaluran gagal atau dikembalikan
basis-value-households = { $value } untuk { $n } rumah tangga
basis-deliveries = dari { $n } penyaluran tercatat

## Bagian
sec-coverage = Cakupan dan ketepatan sasaran
intro-coverage = Siapa yang dijangkau program di antara rumah tangga yang memenuhi aturan kelayakan setiap program, dan siapa yang menerima bantuan tanpa memenuhinya. Setiap persentase menunjukkan pembilang dan penyebutnya.
cap-coverage-programs = Cakupan dan ketepatan sasaran per program, { $period }
cap-coverage-by = Semua program menurut { $by }, { $period }
note-numerator-denominator = Angka kecil di bawah setiap nilai: pembilang / penyebut (rumah tangga, atau rupiah untuk kecukupan). Tanda pisah berarti penyebutnya nol.
cap-overlap = Rumah tangga yang terjangkau kedua program, { $period }
note-overlap = { $n } rumah tangga terjangkau dua program atau lebih. Diagonal menghitung rumah tangga yang terjangkau setiap program.

sec-income = Perubahan pendapatan dan dampak
intro-income = Perubahan pendapatan membandingkan pendapatan setiap rumah tangga pada survei lanjutan dengan pendapatannya sendiri pada survei awal. Rumah tangga terlatih telah lulus kursus sebelum disurvei; selisih dalam selisih membandingkan perubahan pendapatan mereka dengan rumah tangga lain, dengan selang kepercayaan bootstrap 95%.
cap-income-rounds = Perubahan pendapatan per putaran survei
note-income-panel = Panel: rumah tangga yang disurvei pada survei awal dan pada putaran itu. Selang kepercayaan dari 2.000 sampel ulang bootstrap yang dikelompokkan menurut status pelatihan.
note-no-follow-up = Data belum memiliki putaran survei lanjutan, sehingga perubahan pendapatan belum dapat dihitung.
cap-income-by = Perubahan pendapatan menurut { $by }, putaran { $round }

sec-poverty = Kemiskinan dan partisipasi sekolah
intro-poverty = Porsi rumah tangga yang disurvei yang hidup di bawah garis kemiskinan, seberapa jauh rata-rata di bawahnya, dan porsi anak usia sekolah yang bersekolah, pada survei awal dan setiap survei lanjutan.
cap-poverty = Kemiskinan dan partisipasi sekolah per putaran survei (garis kemiskinan { $line } per orang per bulan)
cap-poverty-decile = Kemiskinan dan partisipasi sekolah menurut desil kesejahteraan, putaran { $round }

sec-training = Pelatihan keterampilan
intro-training = Pendaftaran, kehadiran, kelulusan dan usaha yang dimulai pada kursus keterampilan, menurut kursus dan peserta, serta berapa rumah tangga layak yang ikut.
cap-training-course-all = Pelatihan menurut kursus, seluruh data
cap-training-course = Pelatihan menurut kursus, kursus yang dimulai pada { $period }
cap-training-gender = Pelatihan menurut peserta, seluruh data
cap-participation = Partisipasi rumah tangga yang layak pelatihan

sec-equity = Pemerataan antar-lingkungan (RT)
intro-equity = Seberapa merata bantuan menjangkau rumah tangga layak di setiap lingkungan. Nilai per rumah tangga layak dan rasio bantuan terhadap kebutuhan membandingkan RT; indeks Gini dan Theil merangkum perbedaannya; indeks konsentrasi menunjukkan apakah bantuan mengalir ke rumah tangga yang lebih miskin.
cap-rt = Bantuan per RT, { $period }
note-rt = Layak: rumah tangga aktif yang layak untuk setidaknya satu program. Nilai: bantuan yang disalurkan kepada mereka dalam triwulan. Rasio bantuan terhadap kebutuhan di atas 1 berarti RT menerima lebih dari porsi rumah tangga layaknya.
curve-lorenz-rt = Kurva Lorenz antar-RT
curve-concentration = Kurva konsentrasi (menurut pendapatan awal)
curve-equality = Garis pemerataan
axis-cum-households = Porsi kumulatif rumah tangga layak
axis-cum-value = Porsi kumulatif nilai bantuan

sec-feedback = Masukan warga
intro-feedback = Pengaduan, saran, pertanyaan dan apresiasi dari warga, berapa yang terselesaikan dan seberapa cepat.
cap-feedback = Masukan menurut { $by }, { $period }

sec-quality = Mutu data
intro-quality = Berkas masukan lolos validasi dengan { $errors } kesalahan dan { $warnings } peringatan. Peringatan tidak menghentikan laporan; peringatan menunjuk nilai yang perlu diperiksa.
cap-quality = Baris yang dibaca per berkas
note-no-warnings = Tidak ada peringatan.

sec-methodology = Metodologi
intro-methodology = Cara setiap angka dihitung. Definisi lengkap, termasuk setiap pilihan yang diambil bila definisi memberi ruang, ada di docs/indicators.md dalam proyek ini.
method-eligibility = Aturan kelayakan program, sebagaimana tertulis di site.toml:
method-eligibility-item = { $code } ({ $name }): { $rule }
method-choices = Pilihan di balik angka:
method-period = Triwulan adalah triwulan anggaran yang dihitung dari bulan awal tahun anggaran desa. Periode bawaan adalah triwulan terakhir yang ketiga bulannya memiliki catatan di buku penyaluran.
method-active = Rumah tangga dihitung dalam suatu triwulan bila terdaftar paling lambat hari terakhir triwulan dan tidak pindah atau meninggal sebelum hari pertamanya.
method-reached = Terjangkau berarti setidaknya satu penyaluran berstatus delivered dalam triwulan; penyaluran yang gagal atau dikembalikan tidak dihitung.
method-panel = Perubahan pendapatan dan dampak memakai panel rumah tangga yang disurvei pada survei awal dan pada putaran itu. Rumah tangga dianggap terlatih untuk suatu putaran bila lulus kursus yang dimulai sebelum tanggal survei rumah tangga itu.
method-bootstrap = Selang kepercayaan: 2.000 sampel ulang bootstrap persentil yang dikelompokkan menurut status pelatihan, dengan benih acak tetap, sehingga data yang sama selalu memberi selang yang sama.
method-equity = Ukuran pemerataan mencakup rumah tangga aktif yang layak untuk setidaknya satu program. Indeks konsentrasi memeringkat rumah tangga menurut pendapatan per anggota pada survei awal; nilai yang sama berbagi peringkat rata-rata.
method-empty = Nilai ditampilkan sebagai tanda pisah bila penyebutnya nol.

sec-sources = Sumber dana
intro-sources = Bantuan yang disalurkan, menurut sumber dana program, per triwulan.
cap-sources = Bantuan tersalurkan menurut sumber dana dan triwulan
chart-sources-title = Bantuan tersalurkan menurut sumber dana dan triwulan
chart-sources-summary = Batang bertumpuk: bantuan tersalurkan setiap triwulan dibagi menurut sumber dana. Pada { $period } jumlahnya { $total }.
sec-uses = Penggunaan dana
intro-uses = Apa yang disalurkan setiap program dalam triwulan, kepada berapa rumah tangga, dan rata-rata nilai per rumah tangga terjangkau.
cap-uses = Penyaluran per program, { $period }
note-uses = Nilai tersalurkan menghitung baris buku penyaluran berstatus delivered. Nilai per rumah tangga: nilai tersalurkan dibagi jumlah rumah tangga berbeda yang terjangkau program.
chart-uses-trend-title = Bantuan tersalurkan per program dan triwulan
sec-recipients = Penerima per RW
intro-recipients = Berapa rumah tangga layak di setiap RW dan berapa yang menerima bantuan dalam triwulan.
cap-recipients = Penerima per RW, { $period }

sec-sites = Desa
intro-sites = Desa yang dibandingkan dan periode yang ditampilkan untuk masing-masing.
cap-sites = Desa dalam perbandingan ini
sec-compare = Indikator berdampingan
intro-compare = Indikator yang sama, dihitung dengan cara yang sama, untuk setiap desa. Cakupan dan ketepatan sasaran untuk triwulan yang ditampilkan, pendapatan dan kemiskinan untuk putaran survei lanjutan yang sesuai, pelatihan dan masukan atas seluruh data.
cap-compare = Indikator menurut desa
note-compare = Di bawah setiap nilai: pembilang / penyebut, atau selang kepercayaan 95%.
chart-site-coverage-title = Cakupan per triwulan, { $site }
chart-site-did-title = Selisih dalam selisih per putaran, { $site }
sec-programs = Program berdampingan
intro-programs = Cakupan dan ketepatan sasaran setiap program di setiap desa pada triwulan yang ditampilkan.
cap-programs = Program menurut desa
sec-comparability = Apa yang dapat dibandingkan
intro-comparability = Bacalah perbandingan dengan memperhatikan perbedaan berikut.
compare-same-definitions = Setiap indikator mengikuti definisi yang sama di setiap desa, sehingga rumusnya dapat dibandingkan.
compare-poverty-lines = Garis kemiskinan berbeda: { $lines }. Tingkat dan kedalaman kemiskinan diukur terhadap garis yang berbeda.
compare-periods-differ = Desa ditampilkan untuk triwulan yang berbeda; angka dari triwulan berbeda dapat mencerminkan perbedaan musiman.
compare-eligibility = Aturan kelayakan berbeda antar-program dan antar-desa, sehingga cakupan mengukur jangkauan di antara kelompok yang berbeda:
compare-no-training = Setidaknya satu desa tidak memiliki catatan pelatihan; indikator pelatihan di sana tidak ada, bukan nol.
compare-impact = Perkiraan dampak pelatihan membandingkan rumah tangga terlatih dan tidak terlatih tanpa penugasan acak; angka itu menggambarkan perbedaan, belum tentu pengaruh pelatihan.

## Grafik
axis-share = Porsi
axis-share-eligible = Porsi rumah tangga layak
axis-share-of-total = Porsi dari jumlah
axis-rupiah = Rupiah
axis-rupiah-month = Rupiah per bulan
chart-coverage-title = Cakupan per program, { $period }
chart-coverage-trend-title = Cakupan per triwulan
chart-trend-summary = Garis per triwulan dari { $first } sampai { $last }.
chart-incidence-title = Siapa yang menerima bantuan, menurut desil kesejahteraan, { $period }
chart-incidence-summary = Porsi rumah tangga terjangkau dan porsi nilai bantuan di setiap desil kesejahteraan (1 termiskin). Indeks Coady-Grosh-Hoddinott { $cgh }.
chart-income-trend-title = Rata-rata perubahan pendapatan, rumah tangga terlatih dan tidak terlatih
chart-income-trend-summary = Rata-rata perubahan pendapatan bulanan sejak survei awal pada setiap putaran lanjutan, rumah tangga terlatih dan tidak terlatih.
chart-did-title = Selisih dalam selisih dengan selang kepercayaan 95%
chart-did-summary = Selisih dalam selisih pada setiap putaran dengan selang bootstrap-nya; selang yang melewati nol berarti tidak ada perbedaan yang jelas.
chart-spread-title = Sebaran perubahan pendapatan, putaran { $round }
chart-spread-summary = Kotak merentang dari persentil ke-25 sampai ke-75, garis tebal adalah median, kumis mencapai persentil ke-10 dan ke-90.
chart-poverty-title = Kemiskinan dan partisipasi sekolah per putaran
chart-poverty-summary = Tingkat kemiskinan, kedalaman kemiskinan dan partisipasi sekolah pada survei awal dan setiap survei lanjutan; garis kemiskinan { $line } per orang per bulan.
chart-training-title = Kelulusan dan usaha yang dimulai menurut kursus
chart-lorenz-title = Kurva Lorenz dan kurva konsentrasi, { $period }
chart-lorenz-summary = Makin jauh kurva dari garis pemerataan, makin timpang sebarannya. Gini antar-RT { $gini }; indeks konsentrasi { $ci }.
chart-rt-coverage-title = Cakupan per RT, { $period }
chart-rt-coverage-summary = Cakupan semua program di { $n } RT, dari { $low } ({ $lowvalue }) sampai { $high } ({ $highvalue }); { $below } RT di bawah target.
