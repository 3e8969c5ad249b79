"""Small hand-kept name tables for :mod:`eventwire.geo.gazetteer` (data only, no logic).

Each table is general knowledge about place names in English-language news, not
about any one article. Change ``DATA_VERSION`` whenever a table that the cached
index is built from changes (``ADMIN1_PREFERRED``, ``COUNTRY_ALIASES``,
``EXTRA_PLACES``, ``REGIONS``), so old caches are not reused.
"""

from __future__ import annotations

DATA_VERSION = "d4"

#: Words after a name that say what kind of place it is ("Helmand province").
ADMIN1_SUFFIXES = ("province", "provinces", "region", "regional state", "state", "governorate",
                   "oblast", "prefecture", "department", "wilayat", "muhafazah")
DISTRICT_SUFFIXES = ("district", "districts", "county", "raion", "rayon", "municipality",
                     "sub-district", "subdistrict", "local government area", "lga", "woreda",
                     "township")
CITY_SUFFIXES = ("city", "town", "village", "township")

#: Place names that are almost never places when capitalised in news text: the word is
#: a common English word, a title, an institution, a month or weekday, a compass word,
#: a person's name (frequent English given names and surnames, common Muslim given names
#: and honorifics) or a group's name that GeoNames also lists as a town somewhere.
#: ``is_place`` is False for them and ``geocode`` does not resolve them to towns
#: (a country or province of that name, such as Somalia's "Bay" region, still resolves
#: when the caller says it is a province).
STOPLIST: frozenset[str] = frozenset(["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Today", "Tonight", "Yesterday", "Tomorrow", "Of", "Most", "Can", "Bar", "Mine", "Man", "Bus", "Gap", "Best", "Deal", "Split", "Sale", "Rush", "Worms", "Early", "Energy", "Enterprise", "Also", "Many", "More", "Much", "Some", "Such", "Only", "Even", "Over", "Under", "About", "After", "Before", "During", "Since", "Until", "While", "Where", "When", "Here", "There", "Said", "Says", "Say", "Told", "Late", "Last", "Next", "Early", "Day", "Night", "Morning", "Evening", "Week", "Year", "Time", "Times", "Post", "News", "Press", "Media", "Agency", "Online", "Video", "Photo", "Reading", "Mobile", "Eagle", "Victoria", "Hope", "Peace", "Justice", "Liberty", "Unity", "Freedom", "Independence", "Progress", "Victory", "Paradise", "Eden", "Concord", "Harmony", "Friendship", "Welcome", "Commerce", "Industry", "Trinity", "Temple", "Church", "Chapel", "Castle", "Palace", "Tower", "Mission", "Orange", "Union", "Police", "Army", "Marines", "Marine", "Navy", "Airforce", "President", "General", "Colonel", "Major", "Captain", "Sergeant", "Governor", "Minister", "Ministry", "Parliament", "Senate", "Congress", "Government", "Forces", "Force", "Security", "Republic", "Kingdom", "Federal", "National", "Central", "Interior", "Defense", "Defence", "Justice", "Council", "Command", "Commander", "Officials", "Official", "Spokesman", "Chief", "Leader", "Soldiers", "Troops", "Militants", "Insurgents", "Rebels", "Fighters", "Civilians", "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Upper", "Lower", "Middle", "Centre", "Center", "Coalition", "City", "Town", "Village", "District", "Province", "Region", "State", "County", "Valley", "River", "Mountain", "Mountains", "Lake", "Airport", "Base", "Camp", "Market", "Mosque", "Hospital", "School", "Bridge", "Road", "Highway", "Street", "Border", "Square", "Station", "Port", "Island", "Islands", "Desert", "Gulf", "Coast", "Sea", "Ocean", "Hill", "Hills", "Islamic", "Islam", "Muslim", "Muslims", "Christian", "Christians", "Jihad", "Allah", "God", "Taliban", "Shabaab", "Houthi", "Houthis", "Wagner", "Hamas", "Hezbollah", "Pashtun", "Hazara", "Tajik", "Uzbek", "Kurd", "Kurds", "Baloch", "Arab", "Arabs", "Obama", "Clinton", "Bush", "Trump", "Biden", "Kerry", "Carter", "Lincoln", "Johnson", "Wilson", "Putin", "Karzai", "Ghani", "Mattis", "Ali", "Ahmad", "Ahmed", "Mohammad", "Mohammed", "Muhammad", "Hassan", "Hussein", "Hussain", "Omar", "Abdullah", "Khan", "Karim", "Said", "Salem", "Saleh", "Mahmoud", "Rahman", "Nasir", "Aziz", "Jan", "Gul", "Shah", "Hakim", "Amin", "Sun", "Moon", "Star", "Lion", "Tiger", "Bear", "Fox", "Wolf", "Hawk", "Falcon", "Eagle", "Phoenix", "Liberty", "Gold", "Silver", "Black", "White", "Red", "Green", "Blue", "Brown", "Grey", "Gray", "Young", "Old", "New", "Great", "Little", "Grand", "Saint", "Holy", "Alpha", "Delta", "Echo", "Victor", "Zulu", "Bravo", "Charlie", "Kilo", "Tango", "Area", "Bad", "Bank", "Battle", "Big", "Bright", "But", "Canal", "Checkpoint", "Christmas", "Coal", "Coffee", "College", "Compound", "Constitution", "Cool", "Cotton", "Court", "Crescent", "Cross", "Dawn", "Effort", "Eid", "Fall", "Far", "Forest", "Front", "Frontier", "Hard", "Headquarters", "Herald", "Hot", "Human", "Iron", "Joy", "Law", "Light", "Line", "Long", "Love", "Men", "Mercy", "Nine", "Nor", "Oil", "One", "Outer", "Plan", "Power", "Prince", "Ramadan", "Recovery", "Rice", "Salt", "Same", "She", "Spring", "Store", "Strong", "Summer", "Supreme", "Tea", "Ten", "Tribune", "University", "Vice", "Vote", "Well", "Wells", "Zone", "Air", "Alliance", "King", "Sultan", "Hamid", "Hamed", "Zahir", "Rashid", "Ismail", "Qari", "Sardar", "Mir", "Syed", "Sayed", "Haji", "Mullah", "Sheikh", "NATO", "ISAF", "UNAMA", "Capital", "Adam", "Alan", "Albert", "Alexander", "Alice", "Amanda", "Amber", "Andrea", "Andrew", "Angela", "Ann", "Anna", "Anthony", "Arthur", "Ashley", "Barbara", "Benjamin", "Beverly", "Billy", "Bradley", "Brandon", "Brenda", "Brittany", "Bruce", "Bryan", "Charles", "Christina", "Christopher", "Daniel", "David", "Denise", "Dennis", "Diana", "Diane", "Donald", "Donna", "Doris", "Douglas", "Elizabeth", "Eugene", "Evelyn", "Frances", "Frank", "Gary", "George", "Gerald", "Gloria", "Gregory", "Henry", "Isabella", "Jack", "Jacob", "James", "Janet", "Jose", "Joseph", "Joshua", "Juan", "Julia", "Justin", "Karen", "Katherine", "Kathleen", "Keith", "Kelly", "Kenneth", "Kimberly", "Kyle", "Laura", "Lawrence", "Linda", "Lisa", "Logan", "Louis", "Margaret", "Maria", "Mark", "Martin", "Mary", "Melissa", "Michael", "Nancy", "Nathan", "Nicholas", "Olivia", "Patrick", "Paul", "Philip", "Rachel", "Raymond", "Richard", "Robert", "Rose", "Roy", "Russell", "Sandra", "Sara", "Scott", "Sharon", "Shirley", "Sophia", "Teresa", "Terry", "Theresa", "Thomas", "Tyler", "Vincent", "Walter", "Wayne", "Zachary", "Adams", "Allen", "Anderson", "Austin", "Baker", "Campbell", "Clark", "Davis", "Flores", "Garcia", "Gates", "Gonzalez", "Hall", "Harris", "Hernandez", "Jackson", "Jones", "Lee", "Lewis", "Lopez", "Martinez", "Miller", "Mitchell", "Moore", "Nelson", "Nguyen", "Nicholson", "Perez", "Pompeo", "Ramirez", "Rivera", "Roberts", "Robinson", "Rodriguez", "Sanchez", "Smith", "Taylor", "Thompson", "Torres", "Walker", "Williams", "Wright"])

#: GeoNames admin1 names (as in ``rg_cities1000.csv``) whose spelling differs from the one
#: English-language news and conflict datasets use, per country: source name → the
#: preferred spelling, then more spellings seen in print. Source names not matching any
#: admin1 of that country are ignored (a test checks they all match).
ADMIN1_PREFERRED: dict[str, dict[str, tuple[str, ...]]] = {
    "AF": {
        "Konar": ("Kunar",), "Vardak": ("Wardak", "Maidan Wardak", "Maydan Wardak", "Wardag"),
        "Parvan": ("Parwan",), "Bamian": ("Bamyan", "Bamiyan"), "Ghowr": ("Ghor",),
        "Khowst": ("Khost",), "Lowgar": ("Logar",), "Nurestan": ("Nuristan",),
        "Oruzgan": ("Uruzgan", "Urozgan", "Oruzgan"), "Nimruz": ("Nimroz",),
        "Sar-e Pol": ("Sar-e Pul", "Sari Pul", "Sar-i-Pul", "Saripul", "Sar-e-Pol", "Sar-i Pul"),
        "Paktia": ("Paktia", "Paktya", "Paktiya"), "Daykundi": ("Daykundi", "Daikundi", "Daikondi"),
        "Jowzjan": ("Jowzjan", "Jawzjan", "Jozjan"), "Panjshir": ("Panjshir", "Panjsher", "Panjshayr"),
        "Kunduz": ("Kunduz", "Qunduz", "Kondoz"), "Kandahar": ("Kandahar", "Qandahar"),
        "Zabul": ("Zabul", "Zabol"), "Helmand": ("Helmand", "Hilmand"),
    },
    "ET": {
        "Oromiya": ("Oromia",), "Adis Abeba": ("Addis Ababa",), "Tigray": ("Tigray", "Tigrai"),
        "Binshangul Gumuz": ("Benishangul-Gumuz", "Benishangul Gumuz", "Benshangul Gumuz"),
        "Amhara": ("Amhara", "Amara"), "Gambela": ("Gambela", "Gambella"),
    },
    "UA": {
        "Kiev": ("Kyiv", "Kiev"), "Kyiv City": ("Kyiv City", "Kiev City"), "Odessa": ("Odesa", "Odessa"),
        "Kirovohrad": ("Kirovohrad", "Kropyvnytskyi"), "Misto Sevastopol'": ("Sevastopol",),
        "Vinnyts'ka": ("Vinnytsia", "Vinnytsya"), "Zaporizhia": ("Zaporizhzhia", "Zaporizhia", "Zaporozhye"),
        "Luhansk": ("Luhansk", "Lugansk"), "Mykolaiv": ("Mykolaiv", "Nikolaev"),
        "Dnipropetrovsk": ("Dnipropetrovsk", "Dnipro"), "Kharkiv": ("Kharkiv", "Kharkov"),
    },
    "MM": {
        "Sagain": ("Sagaing",), "Ayeyarwady": ("Ayeyarwady", "Irrawaddy"), "Kayin": ("Kayin", "Karen"),
        "Kayah": ("Kayah", "Karenni"), "Rakhine": ("Rakhine", "Arakan"), "Magway": ("Magway", "Magwe"),
        "Tanintharyi": ("Tanintharyi", "Tenasserim"), "Bago": ("Bago", "Pegu"),
    },
    "SD": {
        "Northern Darfur": ("North Darfur",), "Southern Darfur": ("South Darfur",),
        "Western Darfur": ("West Darfur",), "Eastern Darfur": ("East Darfur",),
        "Al Qadarif": ("Gedaref", "Al Qadarif", "Gadarif"),
        "Al Jazirah": ("Gezira", "Al Jazirah", "Al Jazira"),
        "Shamal Kurdufan": ("North Kordofan", "North Kurdufan"),
        "Southern Kordofan": ("South Kordofan", "South Kurdufan"), "Sinnar": ("Sennar", "Sinnar"),
    },
    "SY": {
        "Dimashq": ("Damascus", "Dimashq"), "Rif-dimashq": ("Rural Damascus", "Rif Dimashq"),
        "Latakia": ("Lattakia", "Latakia", "Al Ladhiqiyah"),
        "Deir ez-Zor": ("Deir ez-Zor", "Deir el-Zour", "Deir al-Zour", "Dayr az Zawr", "Deir Ezzor"),
        "Al-Hasakah": ("Al-Hasakah", "Hasakah", "Hassakeh", "Hasaka"), "Ar-Raqqah": ("Ar-Raqqa", "Raqqa"),
        "Daraa": ("Daraa", "Dar'a", "Deraa"), "Homs": ("Homs", "Hims"), "Hama": ("Hama", "Hamah"),
        "As-Suwayda": ("As-Suwayda", "Suwayda", "Sweida"),
    },
    "YE": {
        "Amanat Al Asimah": ("Amanat al Asimah", "Sanaa City"),
        "Ad Dali'": ("Ad Dali", "Al Dhale'e", "Dhale"),
        "Muhafazat al Hudaydah": ("Al Hudaydah", "Hodeidah", "Hudaydah"),
        "Muhafazat al Bayda'": ("Al Bayda", "Bayda"),
        "Muhafazat Hadramawt": ("Hadramawt", "Hadramout", "Hadhramaut", "Hadramaut"),
        "Ta'izz": ("Taizz", "Taiz"), "Sa'dah": ("Saada", "Sadah", "Saadah"), "Omran": ("Amran", "Omran"),
        "Lahij": ("Lahj", "Lahij"), "Ma'rib": ("Marib",), "Soqatra Governorate": ("Socotra", "Soqatra"),
        "Sanaa": ("Sanaa", "Sana'a"),
    },
    "IQ": {
        "Mayorality of Baghdad": ("Baghdad",), "Arbil": ("Erbil", "Arbil", "Irbil"),
        "Ninawa": ("Nineveh", "Ninawa", "Ninewa"), "Salah ad Din Governorate": ("Salah al-Din", "Salahuddin"),
        "Basra Governorate": ("Basra", "Basrah"), "Dahuk": ("Duhok", "Dohuk", "Dahuk"),
        "As Sulaymaniyah": ("Sulaymaniyah", "Sulaimaniya"), "Anbar": ("Anbar", "Al Anbar"),
        "An Najaf": ("Najaf",), "Muhafazat Karbala'": ("Karbala",), "Muhafazat Kirkuk": ("Kirkuk",),
    },
    "SO": {
        "Middle Shabele": ("Middle Shabelle", "Middle Shabeelle"), "Lower Shabeelle": ("Lower Shabelle",),
        "Hiiraan": ("Hiraan", "Hiran", "Hiiraan"), "Banaadir": ("Banadir", "Benadir", "Banaadir"),
        "Galguduud": ("Galgaduud", "Galgadud", "Galguduud"), "Bakool": ("Bakool", "Bakol"),
        "Nugaal": ("Nugaal", "Nugal"), "Lower Juba": ("Lower Juba", "Jubbada Hoose"),
        "Middle Juba": ("Middle Juba", "Jubbada Dhexe"),
    },
    "NG": {
        "Nassarawa": ("Nasarawa",),
        "Abuja Federal Capital Territory": ("Federal Capital Territory", "FCT"),
    },
    "CD": {"Nord Kivu": ("North Kivu", "Nord-Kivu"), "South Kivu": ("South Kivu", "Sud-Kivu")},
    "PK": {"Khyber Pakhtunkhwa": ("Khyber Pakhtunkhwa", "KPK", "NWFP"),
           "Balochistan": ("Balochistan", "Baluchistan"),
           "Federally Administered Tribal Areas": ("Federally Administered Tribal Areas", "FATA")},
    "LY": {"Banghazi": ("Benghazi",), "Surt": ("Sirte",), "Misratah": ("Misrata", "Misratah")},
    "ML": {"Tombouctou": ("Timbuktu", "Tombouctou")},
}

#: Named areas that span several admin1 units: name → (country, admin1 names, spellings).
REGIONS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "Darfur": ("SD", ("North Darfur", "South Darfur", "West Darfur", "East Darfur", "Central Darfur"), ()),
    "Kordofan": ("SD", ("North Kordofan", "South Kordofan"), ("Kurdufan",)),
    "Donbas": ("UA", ("Donetsk", "Luhansk"), ("Donbass",)),
}

#: Well-known conflict sites that the packaged town lists lack (bases, airfields):
#: (name, country, admin1 as spelled in ADMIN1_PREFERRED or GeoNames, lat, lon, spellings).
EXTRA_PLACES: tuple[tuple[str, str, str, float, float, tuple[str, ...]], ...] = (
    ("Bagram", "AF", "Parwan", 34.9461, 69.2650, ("Bagram Airfield", "Bagram Air Base", "Bagram Airbase")),
    ("Camp Bastion", "AF", "Helmand", 31.8638, 64.2246, ("Bastion", "Camp Leatherneck")),
    ("Kandahar Airfield", "AF", "Kandahar", 31.5058, 65.8478, ("Kandahar Air Field", "KAF")),
    ("Al Asad Airbase", "IQ", "Anbar", 33.7856, 42.4412, ("Ain al-Asad", "Al-Asad Air Base", "Ain al Asad")),
    ("Hmeimim", "SY", "Latakia", 35.4011, 35.9487, ("Khmeimim", "Hmeymim")),
)

#: Country short names (ACLED-style) where GeoNames' differs or is absent.
COUNTRY_NAME_OVERRIDES: dict[str, str] = {
    "NL": "Netherlands", "PS": "Palestine", "BQ": "Bonaire, Saint Eustatius and Saba",
}

#: More ways to write a country than GeoNames and pycountry give.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "US", "USA", "U.S.A.", "America", "United States of America", "the States"),
    "GB": ("Britain", "Great Britain", "UK", "U.K.", "United Kingdom of Great Britain"),
    "MM": ("Burma",), "CI": ("Cote d'Ivoire", "Ivory Coast"),
    "CD": ("DRC", "D.R.C.", "DR Congo", "Congo-Kinshasa", "Democratic Republic of Congo"),
    "CG": ("Congo-Brazzaville", "Republic of Congo", "Congo Republic", "Congo"),
    "KP": ("DPRK",), "KR": ("ROK",), "RU": ("Russian Federation",), "CZ": ("Czech Republic",),
    "TR": ("Turkiye",), "PS": ("Palestine", "Palestinian territories", "occupied Palestinian territory"),
    "SZ": ("Swaziland",), "MK": ("Macedonia",), "NL": ("Holland", "the Netherlands"),
    "TL": ("East Timor", "Timor-Leste"), "CV": ("Cape Verde",), "VA": ("Vatican City", "Holy See"),
    "AE": ("UAE", "U.A.E.", "Emirates"), "SY": ("Syrian Arab Republic",), "IR": ("Persia",),
    "LA": ("Lao",), "VN": ("Viet Nam",), "BA": ("Bosnia",), "CF": ("CAR",), "SS": ("S. Sudan",),
}

#: Nationality adjectives and nouns → ISO code (plurals ending in "s" are also accepted).
DEMONYMS: dict[str, tuple[str, ...]] = {
    "AF": ("Afghan", "Afghani", "Afghanistani"), "AL": ("Albanian",), "DZ": ("Algerian",),
    "AO": ("Angolan",), "AR": ("Argentine", "Argentinian"), "AM": ("Armenian",), "AU": ("Australian",),
    "AT": ("Austrian",), "AZ": ("Azerbaijani", "Azeri"), "BH": ("Bahraini",), "BD": ("Bangladeshi",),
    "BY": ("Belarusian", "Belarussian"), "BE": ("Belgian",), "BJ": ("Beninese",), "BT": ("Bhutanese",),
    "BO": ("Bolivian",), "BA": ("Bosnian",), "BW": ("Botswanan", "Motswana"), "BR": ("Brazilian",),
    "GB": ("British", "Briton", "Brit", "English", "Scottish", "Welsh"), "BG": ("Bulgarian",),
    "BF": ("Burkinabe", "Burkinabè"), "MM": ("Burmese", "Myanmarese"), "BI": ("Burundian",),
    "KH": ("Cambodian",), "CM": ("Cameroonian",), "CA": ("Canadian",), "CF": ("Central African",),
    "TD": ("Chadian",), "CL": ("Chilean",), "CN": ("Chinese",), "CO": ("Colombian",),
    "CD": ("Congolese",), "HR": ("Croatian", "Croat"), "CU": ("Cuban",), "CY": ("Cypriot",),
    "CZ": ("Czech",), "DK": ("Danish", "Dane"), "DJ": ("Djiboutian",), "DO": ("Dominican",),
    "NL": ("Dutch",), "EC": ("Ecuadorian",), "EG": ("Egyptian",), "SV": ("Salvadoran",),
    "ER": ("Eritrean",), "EE": ("Estonian",), "ET": ("Ethiopian",), "FI": ("Finnish", "Finn"),
    "FR": ("French",), "GA": ("Gabonese",), "GM": ("Gambian",), "GE": ("Georgian",),
    "DE": ("German",), "GH": ("Ghanaian",), "GR": ("Greek",), "GT": ("Guatemalan",),
    "GN": ("Guinean",), "HT": ("Haitian",), "HN": ("Honduran",), "HU": ("Hungarian",),
    "IS": ("Icelandic",), "IN": ("Indian",), "ID": ("Indonesian",), "IR": ("Iranian", "Persian"),
    "IQ": ("Iraqi",), "IE": ("Irish",), "IL": ("Israeli",), "IT": ("Italian",),
    "CI": ("Ivorian",), "JM": ("Jamaican",), "JP": ("Japanese",), "JO": ("Jordanian",),
    "KZ": ("Kazakh", "Kazakhstani"), "KE": ("Kenyan",), "XK": ("Kosovar",), "KW": ("Kuwaiti",),
    "KG": ("Kyrgyz",), "LA": ("Laotian",), "LV": ("Latvian",), "LB": ("Lebanese",),
    "LR": ("Liberian",), "LY": ("Libyan",), "LT": ("Lithuanian",), "MG": ("Malagasy",),
    "MW": ("Malawian",), "MY": ("Malaysian",), "ML": ("Malian",), "MR": ("Mauritanian",),
    "MX": ("Mexican",), "MD": ("Moldovan",), "MN": ("Mongolian",), "ME": ("Montenegrin",),
    "MA": ("Moroccan",), "MZ": ("Mozambican",), "NA": ("Namibian",), "NP": ("Nepali", "Nepalese"),
    "NZ": ("New Zealander",), "NI": ("Nicaraguan",), "NE": ("Nigerien",), "NG": ("Nigerian",),
    "KP": ("North Korean",), "MK": ("Macedonian",), "NO": ("Norwegian",), "OM": ("Omani",),
    "PK": ("Pakistani",), "PS": ("Palestinian",), "PA": ("Panamanian",), "PY": ("Paraguayan",),
    "PE": ("Peruvian",), "PH": ("Filipino", "Philippine"), "PL": ("Polish", "Pole"),
    "PT": ("Portuguese",), "QA": ("Qatari",), "RO": ("Romanian",), "RU": ("Russian",),
    "RW": ("Rwandan",), "SA": ("Saudi", "Saudi Arabian"), "SN": ("Senegalese",), "RS": ("Serbian", "Serb"),
    "SL": ("Sierra Leonean",), "SG": ("Singaporean",), "SK": ("Slovak",), "SI": ("Slovenian", "Slovene"),
    "SO": ("Somali", "Somalian"), "ZA": ("South African",), "KR": ("South Korean",),
    "SS": ("South Sudanese",), "ES": ("Spanish", "Spaniard"), "LK": ("Sri Lankan",),
    "SD": ("Sudanese",), "SE": ("Swedish", "Swede"), "CH": ("Swiss",), "SY": ("Syrian",),
    "TW": ("Taiwanese",), "TJ": ("Tajikistani",), "TZ": ("Tanzanian",), "TH": ("Thai",),
    "TG": ("Togolese",), "TN": ("Tunisian",), "TR": ("Turkish", "Turk"), "TM": ("Turkmen",),
    "UG": ("Ugandan",), "UA": ("Ukrainian",), "AE": ("Emirati",), "US": ("American",),
    "UY": ("Uruguayan",), "UZ": ("Uzbekistani",), "VE": ("Venezuelan",), "VN": ("Vietnamese",),
    "YE": ("Yemeni", "Yemenite"), "ZM": ("Zambian",), "ZW": ("Zimbabwean",),
}
