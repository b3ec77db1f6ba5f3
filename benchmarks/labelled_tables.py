"""Word tables for `make_labelled.py`: spelling groups, common names, real company names, streets.

Written independently of the engine's own tables (interdict/screening/data/) so that the evaluation
does not grade the engine with its own answers. Sources: McCune–Reischauer vs Revised Romanization
(Korean), common transliterations of Arabic and Russian names, published lists of the most common
given names and surnames per country, and the names of well-known companies that are not sanctioned
(each is checked against the lists by the generator, which drops any that is listed).
"""

from __future__ import annotations

# Equivalent spellings of one Korean syllable / name part (MR, RR, and common spellings).
KOREAN_GROUPS: tuple[tuple[str, ...], ...] = (
    ("pak", "park", "bak"), ("kim", "gim"), ("ri", "lee", "yi", "rhee", "li"),
    ("choe", "choi", "chwe"), ("jong", "jeong", "chong", "cheong"), ("jon", "jeon", "chon", "cheon"),
    ("ryu", "yu", "yoo"), ("song", "seong", "sung"), ("chol", "cheol", "chul"),
    ("hyok", "hyeok", "hyuk"), ("yong", "yeong", "young"), ("kwang", "gwang"), ("kang", "gang"),
    ("kum", "geum", "gum"), ("tong", "dong"), ("pyong", "byeong", "byong"),
    ("myong", "myeong", "myung"), ("sok", "seok", "suk"), ("kyong", "gyeong", "kyung"),
    ("hyon", "hyeon", "hyun"), ("chang", "jang"), ("jin", "chin"), ("un", "eun"), ("o", "oh"),
    ("ko", "go"), ("ku", "gu"), ("kil", "gil"), ("pong", "bong"), ("tae", "dae"), ("to", "do"),
    ("ki", "gi"), ("kyu", "gyu"), ("chun", "jun", "joon"), ("hun", "hoon"), ("u", "woo", "wu"),
    ("hui", "hee"), ("chae", "jae"), ("chi", "ji"), ("pyo", "byo"), ("ryong", "ryeong"),
    ("hak", "hag"), ("sik", "shik"), ("su", "soo"), ("sun", "soon"), ("ung", "eung"),
    ("taesong", "daesong", "daeseong"), ("kumgang", "geumgang"), ("amnokkang", "amnokgang"),
    ("ryonbong", "ryeonbong"), ("tanchon", "danchon"), ("chosun", "choson", "joseon"),
)

# Equivalent spellings of Arabic name parts.
ARABIC_GROUPS: tuple[tuple[str, ...], ...] = (
    ("muhammad", "mohammed", "mohamed", "mohammad", "muhammed", "mohamad"),
    ("ahmad", "ahmed"), ("hassan", "hasan"), ("hussein", "husayn", "hussain", "husein"),
    ("abdullah", "abdallah"), ("usama", "osama"), ("yusuf", "yousef", "youssef", "yousif"),
    ("omar", "umar"), ("mahmud", "mahmoud"), ("mustafa", "mostafa", "moustafa"),
    ("ibrahim", "ebrahim"), ("khalid", "khaled"), ("said", "saeed", "sayed"), ("salih", "saleh"),
    ("abu", "abou"), ("bin", "ben", "ibn"), ("jamal", "gamal"), ("qasim", "kassem", "qassem"),
    ("abid", "abed"), ("ali", "aly"), ("hamid", "hamed"), ("tikriti", "takriti"),
    ("zawahiri", "zawahri"), ("ladin", "laden"), ("aziz", "azeez"), ("rahman", "rehman"),
    ("uthman", "othman", "osman", "usman"),
)
ARABIC_ARTICLES: tuple[str, ...] = ("al-", "el-", "al ", "el ", "")

# Equivalent spellings of Russian (Cyrillic) name parts in BGN/PCGN, ICAO, German and press use.
CYRILLIC_GROUPS: tuple[tuple[str, ...], ...] = (
    ("sergei", "sergey", "sergiy"), ("yevgeniy", "evgeny", "yevgeny", "evgeniy", "evgenii"),
    ("aleksandr", "alexander", "aleksander"), ("aleksei", "alexey", "aleksey", "alexei"),
    ("dmitry", "dmitri", "dmitriy"), ("yuri", "yury", "yuriy", "iurii"),
    ("vasily", "vasili", "vasiliy"), ("mikhail", "michail"), ("nikolai", "nikolay"),
    ("andrei", "andrey"), ("valery", "valeri", "valeriy"), ("vitaly", "vitali", "vitaliy"),
    ("anatoly", "anatoli", "anatoliy"), ("grigory", "grigori", "grigoriy"),
    ("gennady", "gennadiy", "gennadi"), ("yekaterina", "ekaterina"), ("yelena", "elena"),
    ("natalya", "natalia"), ("tatyana", "tatiana"), ("arkady", "arkadiy"), ("pyotr", "petr"),
    ("fyodor", "fedor"), ("semyon", "semen"), ("ilya", "ilia"), ("matvei", "matvey"),
)

# Legal forms: each row is one form's spellings; the generator swaps within a row.
LEGAL_FORMS: tuple[tuple[str, ...], ...] = (
    ("Corporation", "Corp.", "Corp"), ("Company", "Co.", "Co"),
    ("Limited", "Ltd.", "Ltd"), ("Company Limited", "Co., Ltd.", "Co Ltd"),
    ("Limited Liability Company", "LLC", "L.L.C."), ("Joint Stock Company", "JSC", "AO"),
    ("Public Joint Stock Company", "PJSC", "PAO"), ("Incorporated", "Inc.", "Inc"),
    ("Private Limited", "Pte. Ltd.", "Pte Ltd"), ("OOO", "Obshchestvo s Ogranichennoy Otvetstvennostyu"),
)
# Legal forms the generator recognises but does not rewrite (it adds no second form after them).
FOREIGN_LEGAL_FORMS: tuple[str, ...] = (
    "S.A.", "SA", "S.A. de C.V.", "S. de R.L.", "GmbH", "AG", "B.V.", "BV", "N.V.", "LLP", "PLC",
    "SARL", "S.R.L.", "SRL", "FZE", "FZCO", "FZC", "LTDA", "Ltda.", "OAO", "ZAO", "TOO", "KG", "SpA",
    "Sdn Bhd", "Pvt Ltd", "EOOD", "OOD", "DOO", "d.o.o.", "AS", "A.S.", "AB", "Oy", "SAL", "S.A.L.",
    "TNHH", "WLL", "W.L.L.", "Est.", "Establishment", "LLC", "Inc", "Obshchestvo", "Aktsionernoe",
    "Zakrytoe", "Otkrytoe", "Tovarystvo", "Sirketi", "Limited", "Ltd",
)
EXTRA_LEGAL_FORMS: tuple[str, ...] = ("Ltd", "Co., Ltd.", "LLC", "Corporation", "Company Limited")

# Most common surnames and given names (ordinary people who are not listed).
KOREAN_SURNAMES = ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han",
                   "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Jeon", "Hong", "Yoo", "Ko")
KOREAN_GIVEN = ("Min-jun", "Seo-yeon", "Ji-hoon", "Ha-eun", "Do-hyun", "Ji-woo", "Seo-jun", "Ye-jin",
                "Hyun-woo", "Su-bin", "Jae-won", "Eun-ji", "Ji-min", "Dong-hyun", "Sung-min",
                "Young-ho", "Ji-yeon", "Min-seo", "Jun-ho", "Yu-na", "Tae-yang", "Hye-jin", "Seung-woo",
                "Soo-ah", "Jae-hyun", "Min-ji", "Woo-jin", "Da-eun", "Joon-young", "Bo-ra", "Sang-hoon",
                "Eun-woo", "Ha-neul", "Kyung-soo", "Mi-rae", "Jin-woo", "So-yeon", "Hyun-jin")
ARABIC_GIVEN = ("Mohammed", "Ahmed", "Ali", "Hassan", "Hussein", "Omar", "Abdullah", "Ibrahim",
                "Youssef", "Khalid", "Mahmoud", "Mustafa", "Fatima", "Aisha", "Maryam", "Layla",
                "Nour", "Karim", "Tariq", "Samir", "Rania", "Yasmin", "Hamza", "Bilal", "Zainab",
                "Amina", "Sara", "Walid", "Nabil", "Rashid")
ARABIC_FAMILY = ("Haddad", "Khoury", "Saleh", "Nasser", "Mansour", "Hamdan", "Awad", "Farouk",
                 "Aziz", "Suleiman", "Qureshi", "Bakr", "Hijazi", "Darwish", "Sabbagh", "Jaber",
                 "Karam", "Najjar", "Shalabi", "Tamimi", "Masri", "Othman", "Rahimi", "Zaki")
RUSSIAN_GIVEN_M = ("Ivan", "Dmitry", "Alexei", "Sergei", "Andrei", "Mikhail", "Nikolai", "Pavel",
                   "Maxim", "Artem", "Kirill", "Oleg", "Roman", "Igor", "Anton", "Denis", "Yuri")
PATRONYMIC_STEMS = {
    "Ivan": "Ivanov", "Dmitry": "Dmitriev", "Alexei": "Alekseev", "Sergei": "Sergeev",
    "Andrei": "Andreev", "Mikhail": "Mikhailov", "Nikolai": "Nikolaev", "Pavel": "Pavlov",
    "Maxim": "Maksimov", "Artem": "Artemov", "Kirill": "Kirillov", "Oleg": "Olegov", "Roman": "Romanov",
    "Igor": "Igorev", "Anton": "Antonov", "Denis": "Denisov", "Yuri": "Yurev",
}
RUSSIAN_GIVEN_F = ("Anna", "Olga", "Elena", "Maria", "Natalia", "Tatiana", "Irina", "Svetlana",
                   "Ekaterina", "Yulia", "Daria", "Ksenia", "Polina", "Victoria")
RUSSIAN_SURNAMES = ("Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasiliev", "Petrov", "Sokolov",
                    "Mikhailov", "Novikov", "Fedorov", "Morozov", "Volkov", "Alekseev", "Lebedev",
                    "Semenov", "Egorov", "Pavlov", "Kozlov", "Stepanov", "Nikolaev", "Orlov",
                    "Andreev", "Makarov", "Nikitin", "Zakharov", "Zaitsev", "Soloviev", "Borisov")
CHINESE_SURNAMES = ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
                    "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo")
CHINESE_GIVEN = ("Wei", "Fang", "Xiu Ying", "Na", "Min", "Jing", "Li Na", "Qiang", "Lei", "Jun",
                 "Yang", "Yong", "Yan", "Jie", "Tao", "Ming", "Chao", "Xia", "Ping", "Gang", "Hui")
WESTERN_GIVEN = ("John", "Maria", "David", "Michael", "Sarah", "James", "Laura", "Robert", "Anna",
                 "Peter", "Thomas", "Elena", "Carlos", "Jose", "Ana", "Luis", "Daniel", "Paul",
                 "Sophie", "Marco", "Giulia", "Jan", "Eva", "Lucas")
WESTERN_SURNAMES = ("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
                    "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Muller",
                    "Schmidt", "Rossi", "Russo", "Dubois", "Martin", "Bernard", "Novak", "Jansen",
                    "Kowalski", "Silva", "Santos", "Fernandez", "Moreno")

# Real companies that are not sanctioned: South Korean banks and firms first (the DPRK look-alikes),
# then other banks, shippers and traders. The generator drops any that a list does name.
SOUTH_KOREAN_BANKS = (
    "Korea Development Bank", "Kookmin Bank", "KB Kookmin Bank", "Industrial Bank of Korea",
    "Shinhan Bank", "Woori Bank", "Hana Bank", "KEB Hana Bank", "Korea Exchange Bank", "NongHyup Bank",
    "Export-Import Bank of Korea", "Bank of Korea", "BNK Busan Bank", "Daegu Bank", "DGB Daegu Bank",
    "Kwangju Bank", "Jeonbuk Bank", "Kyongnam Bank", "Suhyup Bank", "Jeju Bank",
    "Standard Chartered Bank Korea",
    "Citibank Korea", "Korea Investment & Securities", "Mirae Asset Securities", "Samsung Securities",
    "Korea Housing Finance Corporation", "Korea Trade Insurance Corporation", "Korea Investment Corporation",
    "Korea Credit Guarantee Fund", "Korea Post Bank", "K Bank", "Kakao Bank", "Toss Bank",
    "Saemaul Geumgo", "National Credit Union Federation of Korea", "Korea Asset Management Corporation",
    "Shinhan Financial Group", "KB Financial Group", "Hana Financial Group", "Woori Financial Group",
)
SOUTH_KOREAN_COMPANIES = (
    "Samsung Electronics Co., Ltd.", "Hyundai Motor Company", "Kia Corporation", "LG Electronics Inc.",
    "SK Hynix Inc.", "POSCO Holdings", "Korea Electric Power Corporation", "Korea Gas Corporation",
    "Korea National Oil Corporation", "Korea Zinc Co., Ltd.", "Korean Air Lines Co., Ltd.",
    "Asiana Airlines", "HMM Co., Ltd.", "Hyundai Merchant Marine", "Pan Ocean Co., Ltd.",
    "Sinokor Merchant Marine", "Korea Line Corporation", "Hyundai Glovis", "Hanjin Transportation",
    "CJ Logistics", "Korea Shipbuilding & Offshore Engineering", "Hanwha Ocean", "Samsung Heavy Industries",
    "Hyundai Mipo Dockyard", "Doosan Enerbility", "Lotte Chemical Corporation", "GS Caltex Corporation",
    "S-Oil Corporation", "SK Innovation", "Hanwha Solutions", "Korea Aerospace Industries",
    "Korea Expressway Corporation", "Korea Railroad Corporation", "Korea Water Resources Corporation",
    "Korea Land and Housing Corporation", "Korea Trade-Investment Promotion Agency",
    "Korea Mine Rehabilitation and Mineral Resources Corporation", "Korea Resources Corporation",
    "Korea Hydro & Nuclear Power", "Korea Western Power", "Korea Tourism Organization",
    "Korea International Trade Association", "Korea Chamber of Commerce and Industry",
    "Korea Telecom", "Naver Corporation", "Kakao Corporation", "Coupang", "Celltrion", "Amorepacific",
    "Korea Exchange", "Korea Securities Depository", "Korea Institute of Science and Technology",
    "Korea Advanced Institute of Science and Technology", "Korea Maritime Institute",
    "Korea Ocean Business Corporation", "Korea Shipping Association", "Korea Trading Company Seoul",
)
OTHER_COMPANIES = (
    "HSBC Holdings plc", "Barclays Bank PLC", "Deutsche Bank AG", "BNP Paribas SA", "Societe Generale",
    "UBS AG", "Credit Agricole", "ING Bank N.V.", "Santander", "Intesa Sanpaolo", "UniCredit S.p.A.",
    "Commerzbank AG", "Nordea Bank Abp", "Danske Bank", "Rabobank", "ABN AMRO Bank",
    "JPMorgan Chase Bank", "Bank of America", "Wells Fargo Bank", "Citibank N.A.", "Goldman Sachs",
    "Morgan Stanley", "State Street Bank and Trust", "Bank of New York Mellon", "Standard Chartered Bank",
    "Mizuho Bank", "MUFG Bank", "Sumitomo Mitsui Banking Corporation", "Bank of China",
    "Bank of Communications",
    "China Construction Bank", "Industrial and Commercial Bank of China", "Agricultural Bank of China",
    "DBS Bank", "OCBC Bank", "United Overseas Bank", "Emirates NBD", "First Abu Dhabi Bank",
    "Qatar National Bank", "National Bank of Kuwait", "Arab Bank", "Banque Misr", "National Bank of Egypt",
    "Saudi National Bank", "Al Rajhi Bank", "Riyad Bank", "Bank Muscat", "Mashreq Bank",
    "Maersk Line", "A.P. Moller - Maersk", "Mediterranean Shipping Company", "CMA CGM", "Hapag-Lloyd AG",
    "Evergreen Marine Corporation", "Yang Ming Marine Transport", "Ocean Network Express",
    "Nippon Yusen Kabushiki Kaisha", "Mitsui O.S.K. Lines", "Kawasaki Kisen Kaisha", "Wan Hai Lines",
    "Zim Integrated Shipping Services", "Pacific International Lines", "Euronav", "Frontline Ltd",
    "Teekay Corporation", "Dorian LPG", "Golden Ocean Group", "Star Bulk Carriers", "Navios Maritime",
    "Toyota Motor Corporation", "Sony Group Corporation", "Mitsubishi Corporation", "Mitsui & Co.",
    "Itochu Corporation", "Marubeni Corporation", "Sumitomo Corporation", "Hitachi Ltd.",
    "Panasonic Holdings",
    "Siemens AG", "BASF SE", "Bayer AG", "Volkswagen AG", "Nestle S.A.", "Unilever PLC", "Shell plc",
    "BP p.l.c.", "TotalEnergies SE", "Equinor ASA", "Glencore plc", "Trafigura Group", "Vitol SA",
    "Gunvor Group", "Cargill Incorporated", "Louis Dreyfus Company", "Bunge Limited", "Olam International",
    "Wilmar International", "Noble Group", "Mercuria Energy Trading", "Koch Industries",
    "Apple Inc.", "Microsoft Corporation", "Alphabet Inc.", "Amazon.com Inc.", "Meta Platforms Inc.",
    "Tesla Inc.", "Intel Corporation", "Cisco Systems", "Oracle Corporation", "IBM",
    "Tata Consultancy Services", "Infosys Limited", "Reliance Industries Limited", "State Bank of India",
    "ICICI Bank", "HDFC Bank", "Petrobras", "Vale S.A.", "Banco do Brasil", "Itau Unibanco",
    "Grupo Bimbo", "Cemex", "America Movil", "Turkiye Is Bankasi", "Garanti BBVA", "Akbank",
    "Emirates Airline", "Qatar Airways", "Singapore Airlines", "Cathay Pacific Airways", "Lufthansa",
    "Air France", "British Airways", "Japan Airlines", "All Nippon Airways", "Turkish Airlines",
    "Dubai Islamic Bank", "Abu Dhabi Commercial Bank", "Kuwait Finance House", "Bank Audi", "Blom Bank",
)

STREET_TYPES = ("Street", "Road", "Avenue", "Boulevard", "Lane", "Drive", "Square")
CITIES = (
    ("London", "gb"), ("Singapore", "sg"), ("Shanghai", "cn"), ("Dubai", "ae"), ("Moscow", "ru"),
    ("Seoul", "kr"), ("Busan", "kr"), ("Hong Kong", "hk"), ("Istanbul", "tr"), ("Limassol", "cy"),
    ("Rotterdam", "nl"), ("Hamburg", "de"), ("Panama City", "pa"), ("Vladivostok", "ru"),
    ("Dalian", "cn"), ("Qingdao", "cn"), ("Manila", "ph"), ("Jakarta", "id"), ("Athens", "gr"),
    ("Piraeus", "gr"), ("Valletta", "mt"), ("Monrovia", "lr"), ("Bangkok", "th"), ("Tokyo", "jp"),
)
