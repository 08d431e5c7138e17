#!/usr/bin/env python3
"""Deterministic corpus of fairlabel submissions for the audit benchmark (issue 6).

Usage (from the repository root):
    python3 Benchmarks/audit/generate.py OUT [--count N] [--seed S] [--sizes KB,KB,...]
                                             [--per-size K] [--jobs J] [--check]

Writes into OUT:
  sub-NNNNNN.xml         N submissions (default 1000, 0 with --sizes unless --count is given) of a
                         realistic mix of sizes: most firms report a handful of sites (10-60 KB),
                         a tail of large groups report hundreds and a few up to 2 000 sites (~5 MB)
  size-KKKKKkb-NN.xml    with --sizes: K files (default 5) of about each size in KB, for the
                         time-against-size measurement; each size gets the same mix of stories
  manifest.tsv           one line per file: file, bytes, sites, sector (NACE), country, the
                         intended outcome (clean, major, knockout, thin) and the facts varied

Every document follows the vocabulary of Schemas/submission.xsd and the structure of the six
stories in Schemas/examples: an organisation (sector by NACE code, country, size), a code of
conduct, a supply chain of own sites, tier-1 and tier-2 supplier sites, labour agencies,
recruiters and high-risk inputs with per-site workforce blocks, due diligence (risk assessment,
audits, findings, corrective actions), a grievance mechanism, remediation, annexes and an
attestation. The intended outcome is reached by varying the facts the criteria check
(Schemas/criteria/README.md): fees paid and reimbursed, documents held, hours, rest days, pay
delay, deductions, loans, contracts, movement, audits, traceability, attestation, missing data.
Roughly a third of the documents are clean, a third carry major failures, a fifth knock-outs and
the rest are thin on data; what fairlabel actually decides is measured by Benchmarks/audit/run.py.

The same seed and arguments always give the same bytes (each file has its own random stream, so
files can be written in parallel). --check validates a sample with
`xmllint --noout --schema Schemas/submission.xsd` (one process) and exits 1 if any is invalid.
"""
import argparse
import datetime as dt
import math
import os
import random
import re
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
XSD = os.path.join(ROOT, "Schemas/submission.xsd")
NS = "urn:fairlabel:submission:1"
D = dt.date
AS_OF = D(2026, 6, 30)  # the audit date the harness passes with --as-of; deadlines are set around it
DEFAULT_SEED = 61420

# ---------------------------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------------------------


class Country:
    def __init__(self, code, currency, lang, subdivisions, cities, min_wage, max_hours, notice,
                 migrants, risk, id_scheme, stems, legal, gs1="", regimes=(), internal=None):
        self.code, self.currency, self.lang = code, currency, lang
        self.subdivisions, self.cities = subdivisions, cities
        self.min_wage, self.max_hours, self.notice = min_wage, max_hours, notice
        self.migrants, self.risk, self.id_scheme = migrants, risk, id_scheme
        self.stems, self.legal, self.gs1, self.regimes = stems, legal, gs1, regimes
        self.internal = internal  # languages of internal migrants, if not the local one


# Countries where the reporting companies sit (own sites, subsidiaries).
HOME = {c.code: c for c in [
    Country("GB", "GBP", "en", ["GB-LND", "GB-MAN", "GB-BIR", "GB-LDS", "GB-GLG"], ["London", "Manchester", "Birmingham", "Leeds", "Glasgow"],
            2023, 48, 7, [("PL", "pl"), ("RO", "ro"), ("LT", "lt"), ("IN", "hi"), ("UA", "uk")], 0.1, "GB-COH",
            ["Harbour", "Ashdown", "Brightmoor", "Kestrel", "Thistle", "Wren", "Carrick", "Fenwick"], "Ltd", "50", ("UK-MSA",)),
    Country("DE", "EUR", "de", ["DE-BY", "DE-NW", "DE-HH", "DE-BW", "DE-NI"], ["München", "Düsseldorf", "Hamburg", "Stuttgart", "Hannover"],
            2160, 48, 28, [("PL", "pl"), ("RO", "ro"), ("TR", "tr"), ("BG", "bg")], 0.1, "DE-CR",
            ["Hallbeck", "Lindenau", "Brandt", "Eichwald", "Sonnfeld", "Kramer", "Auerbach"], "GmbH", "40", ("DE-LkSG",)),
    Country("FR", "EUR", "fr", ["FR-IDF", "FR-ARA", "FR-HDF", "FR-NAQ"], ["Paris", "Lyon", "Lille", "Bordeaux"],
            1802, 48, 30, [("PT", "pt"), ("MA", "ar"), ("RO", "ro")], 0.1, "FR-SIREN",
            ["Maison Verlaine", "Atelier Roche", "Lumière", "Belcourt", "Sauveterre"], "SAS", "30", ("FR-VIG",)),
    Country("NL", "EUR", "nl", ["NL-ZH", "NL-NH", "NL-NB", "NL-GE"], ["Rotterdam", "Amsterdam", "Eindhoven", "Arnhem"],
            2191, 60, 30, [("PL", "pl"), ("RO", "ro"), ("BG", "bg")], 0.1, "NL-KVK",
            ["Van Rijn", "De Molen", "Zeeland", "Oranjehof", "Dijkstra"], "B.V.", "87", ("EU-CSDDD",)),
    Country("NO", "NOK", "nb", ["NO-46", "NO-03", "NO-50"], ["Bergen", "Oslo", "Trondheim"],
            33150, 48, 30, [("PL", "pl"), ("LT", "lt"), ("SE", "sv")], 0.1, "NO-BRC",
            ["Nordlys", "Fjordvik", "Skarven", "Tindra", "Havbris"], "AS", "70", ("NO-TA",)),
    Country("SE", "SEK", "sv", ["SE-AB", "SE-O", "SE-M"], ["Stockholm", "Göteborg", "Malmö"],
            26000, 48, 30, [("PL", "pl"), ("FI", "fi")], 0.1, "SE-BLV",
            ["Granskog", "Ljusdal", "Vinterhamn", "Ekholm"], "AB", "73", ("EU-CSDDD",)),
    Country("DK", "DKK", "da", ["DK-84", "DK-82"], ["København", "Aarhus"],
            24000, 48, 30, [("PL", "pl"), ("RO", "ro")], 0.1, "DK-CVR",
            ["Skovgaard", "Havlund", "Nørrebro", "Kystlys"], "A/S", "57", ("EU-CSDDD",)),
    Country("AU", "AUD", "en", ["AU-NSW", "AU-VIC", "AU-QLD", "AU-WA"], ["Sydney", "Melbourne", "Brisbane", "Perth"],
            4153, 50, 7, [("IN", "hi"), ("PH", "tl"), ("VN", "vi"), ("TO", "to")], 0.1, "AU-ABN",
            ["Southern Cross", "Banksia", "Coral Bay", "Jarrah", "Wattle"], "Pty Ltd", "93", ("AU-MSA",)),
    Country("CA", "CAD", "en", ["CA-ON", "CA-QC", "CA-BC"], ["Toronto", "Montréal", "Vancouver"],
            2900, 48, 14, [("MX", "es"), ("GT", "es"), ("PH", "tl"), ("IN", "pa")], 0.1, "CA-BN",
            ["Maple", "Laurentian", "Cedarline", "Northshore", "Loon Lake"], "Inc.", "75", ("CA-S211",)),
    Country("US", "USD", "en", ["US-CA", "US-NY", "US-TX", "US-IL"], ["Los Angeles", "New York", "Dallas", "Chicago"],
            1257, 60, 0, [("MX", "es"), ("GT", "es")], 0.1, "US-EIN",
            ["Redwood", "Blue Ridge", "Lakeshore", "Prairie", "Liberty Bay"], "Inc.", "03", ("US-TA307",)),
    Country("JP", "JPY", "ja", ["JP-13", "JP-27", "JP-23"], ["Tokyo", "Osaka", "Nagoya"],
            180000, 50, 14, [("VN", "vi"), ("ID", "id"), ("PH", "tl")], 0.1, "JP-CN",
            ["Sakura", "Hoshino", "Midori", "Asahi"], "K.K.", "45", ("other",)),
    Country("IT", "EUR", "it", ["IT-25", "IT-72", "IT-52"], ["Milano", "Napoli", "Firenze"],
            1500, 48, 30, [("RO", "ro"), ("AL", "sq"), ("IN", "pa")], 0.1, "IT-CF",
            ["Bellaterra", "Val d'Orcia", "Castelforte", "Riva"], "S.r.l.", "80", ("EU-CSDDD",)),
    Country("CH", "CHF", "de", ["CH-ZH", "CH-BE", "CH-GE"], ["Zürich", "Bern", "Genève"],
            4200, 50, 30, [("PT", "pt"), ("IT", "it")], 0.1, "CH-UID",
            ["Alpenrose", "Seeland", "Edelweiss", "Rheinfeld"], "AG", "76", ("other",)),
    Country("IE", "EUR", "en", ["IE-D", "IE-CO"], ["Dublin", "Cork"],
            2282, 48, 7, [("PL", "pl"), ("BR", "pt")], 0.1, "IE-CRO",
            ["Shannon", "Glenmore", "Liffey", "Burren"], "Ltd", "53", ("EU-CSDDD",)),
]}
HOME_WEIGHTS = {"GB": 18, "DE": 16, "FR": 8, "NL": 8, "NO": 5, "SE": 5, "DK": 4, "AU": 8, "CA": 7, "US": 10, "JP": 3, "IT": 4, "CH": 2, "IE": 2}

# Countries where suppliers' sites are.
SOURCE = {c.code: c for c in [
    Country("VN", "VND", "vi", ["VN-56", "VN-57", "VN-SG", "VN-HN", "VN-39"], ["Bac Ninh", "Binh Duong", "Ho Chi Minh City", "Hanoi", "Dong Nai"],
            4960000, 64, 45, [], 0.5, "VN-ERC", ["Minh Phat", "Hoang Long", "Thanh Cong", "Viet Tien", "Phu Thinh", "An Phat", "Dong Tam"], "Joint Stock Company"),
    Country("BD", "BDT", "bn", ["BD-13", "BD-B", "BD-C"], ["Gazipur", "Chattogram", "Dhaka", "Narayanganj", "Savar"],
            12500, 60, 60, [], 0.75, "BD-RJSC", ["Padma", "Meghna", "Karnaphuli", "Shapla", "Jamuna", "Rupali"], "Ltd"),
    Country("IN", "INR", "hi", ["IN-TN", "IN-KA", "IN-HR", "IN-GJ", "IN-UP", "IN-TG"], ["Tiruppur", "Bengaluru", "Gurugram", "Ahmedabad", "Noida", "Hyderabad"],
            10500, 60, 30, [("NP", "ne")], 0.65, "IN-MCA", ["Sri Lakshmi", "Ganesh", "Shakti", "Kaveri", "Saravana", "Anand"], "Pvt Ltd", internal=["hi", "or", "bn"]),
    Country("CN", "CNY", "zh-Hans", ["CN-GD", "CN-ZJ", "CN-JS", "CN-FJ", "CN-SD"], ["Dongguan", "Ningbo", "Suzhou", "Xiamen", "Qingdao"],
            2300, 52, 30, [], 0.55, "CN-USCC", ["Huaxin", "Jinlong", "Hengtai", "Yongsheng", "Dongfang", "Jiahe"], "Co., Ltd."),
    Country("MY", "MYR", "ms", ["MY-07", "MY-10", "MY-01", "MY-05", "MY-12"], ["Penang", "Shah Alam", "Johor Bahru", "Seremban", "Kota Kinabalu"],
            1700, 60, 30, [("NP", "ne"), ("BD", "bn"), ("MM", "my"), ("ID", "id")], 0.7, "MY-SSM", ["Mutiara", "Sinar Jaya", "Kenari", "Cahaya", "Bukit Emas", "Permata"], "Sdn Bhd"),
    Country("TH", "THB", "th", ["TH-74", "TH-10", "TH-20", "TH-11", "TH-90"], ["Samut Sakhon", "Bangkok", "Chonburi", "Samut Prakan", "Songkhla"],
            10200, 60, 30, [("MM", "my"), ("KH", "km"), ("LA", "lo")], 0.7, "TH-DBD", ["Siam", "Chao Phraya", "Sukhothai", "Andaman", "Rattana"], "Co., Ltd."),
    Country("TW", "TWD", "zh-Hant", ["TW-TAO", "TW-TXG", "TW-KHH", "TW-TNN"], ["Taoyuan", "Taichung", "Kaohsiung", "Tainan"],
            28590, 54, 30, [("PH", "tl"), ("VN", "vi"), ("ID", "id")], 0.6, "TW-BAN", ["Formosa", "Everwin", "Tai Yuen", "Hsin Yi", "Jin Feng"], "Co., Ltd."),
    Country("ID", "IDR", "id", ["ID-JB", "ID-JT", "ID-BT", "ID-JI", "ID-RI"], ["Bandung", "Semarang", "Tangerang", "Surabaya", "Batam"],
            3200000, 54, 30, [], 0.6, "ID-NIB", ["Sinar Karya", "Mitra Abadi", "Surya Indah", "Sentosa Jaya"], "PT"),
    Country("KH", "USD", "km", ["KH-12", "KH-8", "KH-3"], ["Phnom Penh", "Kandal", "Kampong Cham"],
            208, 60, 15, [], 0.7, "KH-MOC", ["Angkor", "Bayon", "Tonle", "Sovann"], "Co., Ltd."),
    Country("PK", "PKR", "ur", ["PK-PB", "PK-SD"], ["Faisalabad", "Lahore", "Karachi", "Sialkot"],
            37000, 56, 30, [], 0.7, "PK-SECP", ["Crescent", "Indus", "Ravi", "Chenab", "Kohinoor"], "Ltd"),
    Country("TR", "TRY", "tr", ["TR-34", "TR-16", "TR-20", "TR-63"], ["İstanbul", "Bursa", "Denizli", "Şanlıurfa"],
            22104, 60, 28, [("SY", "ar")], 0.5, "TR-MERSIS", ["Anadolu", "Ege", "Marmara", "Yıldız", "İpek"], "A.Ş."),
    Country("PT", "EUR", "pt", ["PT-03", "PT-13", "PT-01"], ["Braga", "Porto", "Aveiro"],
            870, 48, 30, [("BR", "pt"), ("NP", "ne")], 0.2, "PT-NIPC", ["Ave", "Douro", "Minho", "Cávado"], "Lda"),
    Country("ES", "EUR", "es", ["ES-AN", "ES-MC", "ES-VC"], ["Almería", "Murcia", "Valencia"],
            1184, 48, 15, [("MA", "ar"), ("RO", "ro"), ("SN", "wo")], 0.45, "ES-NIF", ["Levante", "Almanzora", "Mediterránea", "Campo de Níjar"], "S.L."),
    Country("MA", "MAD", "ar", ["MA-09", "MA-06"], ["Agadir", "Casablanca"],
            3100, 48, 8, [], 0.45, "MA-ICE", ["Souss", "Atlas", "Oasis"], "SARL"),
    Country("PL", "PLN", "pl", ["PL-14", "PL-30", "PL-24"], ["Łódź", "Poznań", "Katowice"],
            4666, 48, 30, [("UA", "uk"), ("BY", "be")], 0.3, "PL-KRS", ["Wisła", "Mazowsze", "Polmeb", "Warta"], "Sp. z o.o."),
    Country("LT", "EUR", "lt", ["LT-KU", "LT-VL"], ["Kaunas", "Vilnius"],
            1038, 48, 30, [("UA", "uk")], 0.2, "LT-RC", ["Baltijos", "Nemuno", "Aisčių"], "UAB"),
    Country("MX", "MXN", "es", ["MX-CHH", "MX-JAL", "MX-NLE", "MX-SIN"], ["Ciudad Juárez", "Guadalajara", "Monterrey", "Culiacán"],
            8364, 48, 15, [("GT", "es"), ("HN", "es")], 0.5, "MX-RFC", ["Del Norte", "Sinaloa", "Regio", "Bajío"], "S.A. de C.V."),
    Country("BR", "BRL", "pt", ["BR-SP", "BR-MG", "BR-MT", "BR-RS"], ["São Paulo", "Varginha", "Cuiabá", "Novo Hamburgo"],
            1518, 56, 30, [("BO", "es"), ("VE", "es"), ("HT", "ht")], 0.5, "BR-CNPJ", ["Cerrado", "Serra Verde", "Vale do Sinos", "Mantiqueira"], "Ltda."),
    Country("EC", "USD", "es", ["EC-G", "EC-O"], ["Guayaquil", "Machala"],
            470, 48, 15, [("VE", "es"), ("CO", "es")], 0.5, "EC-RUC", ["Pacífico", "Jambelí", "El Oro"], "S.A."),
    Country("PE", "PEN", "es", ["PE-ICA", "PE-LAL"], ["Ica", "Trujillo"],
            1130, 48, 30, [("VE", "es")], 0.45, "PE-RUC", ["Ica", "Virú", "Chavimochic"], "S.A.C."),
    Country("CI", "XOF", "fr", ["CI-SM", "CI-LG", "CI-GD"], ["Soubré", "Abidjan", "Gagnoa"],
            75000, 48, 15, [("BF", "mos"), ("ML", "bm")], 0.8, "CI-RCCM", ["Espoir", "Lagunes", "Sassandra"], "SARL"),
    Country("GH", "GHS", "ak", ["GH-AH", "GH-WP"], ["Kumasi", "Takoradi"],
            550, 48, 30, [], 0.7, "GH-RGD", ["Ashanti", "Akwaaba", "Western"], "Ltd"),
    Country("ET", "ETB", "am", ["ET-OR", "ET-SI"], ["Jimma", "Hawassa"],
            3000, 48, 30, [], 0.6, "ET-MOTI", ["Jimma Highland", "Sidama", "Abyssinia"], "PLC"),
    Country("CO", "COP", "es", ["CO-HUI", "CO-ANT"], ["Neiva", "Medellín"],
            1423500, 47, 15, [("VE", "es")], 0.45, "CO-NIT", ["Huila", "Antioquia", "Tolima"], "S.A.S."),
    Country("KE", "KES", "sw", ["KE-31", "KE-30"], ["Naivasha", "Nakuru"],
            15201, 52, 28, [], 0.45, "KE-BRS", ["Naivasha", "Rift Valley", "Kilima"], "Ltd"),
    Country("LK", "LKR", "si", ["LK-1", "LK-2"], ["Katunayake", "Kandy"],
            27000, 57, 30, [], 0.5, "LK-ROC", ["Lanka", "Kelani", "Ceylon"], "(Pvt) Ltd"),
]}

SUBDIVISION_LANG = {"IN-TN": "ta", "IN-KA": "kn", "IN-TG": "te", "IN-GJ": "gu", "PK-PB": "pa", "PK-SD": "sd", "ES-VC": "es", "KE-31": "sw"}


class Sector:
    def __init__(self, nace, isic, label, describe, own_types, tier1, tier2, sourcing, commodities, inputs, own_share=0.1):
        self.nace, self.isic, self.label, self.describe = nace, isic, label, describe
        self.own_types, self.tier1, self.tier2 = own_types, tier1, tier2
        self.sourcing, self.commodities, self.inputs, self.own_share = sourcing, commodities, inputs, own_share


# inputs: (name, HS code, [(country, subdivision), ...] origins)
COTTON = ("Cotton fibre in yarn and fabric", "520100", [("US", "US-TX"), ("IN", "IN-GJ"), ("TR", "TR-63"), ("PK", "PK-PB"), ("BR", "BR-MT")])
SECTORS = [
    Sector("46.42", "4641", "apparel brand", "Designs clothing and sells it through retailers and online; production is outsourced to cut-make-trim suppliers, fabric comes from nominated mills.",
           [("office", "design, sales and administration"), ("warehouse", "warehousing and e-commerce fulfilment")],
           [("factory", "cutting, sewing and packing of garments"), ("factory", "knitting and sewing of jersey wear")],
           [("factory", "weaving and dyeing of fabric"), ("factory", "spinning of cotton yarn")],
           {"VN": 5, "BD": 5, "IN": 4, "CN": 4, "KH": 2, "TR": 3, "PT": 2, "LT": 1, "PK": 2, "LK": 1, "TW": 1},
           ["620193", "620293", "610910", "611030", "620462"], [COTTON]),
    Sector("14.13", "1412", "clothing manufacturer", "Makes outerwear in its own plant and through sewing subcontractors; sells to brands and retailers in Europe.",
           [("factory", "cutting, sewing and finishing"), ("warehouse", "fabric and finished-goods warehouse")],
           [("factory", "sewing subcontractor"), ("factory", "embroidery and printing")],
           [("factory", "fabric finishing")],
           {"TR": 4, "PT": 3, "MA": 2, "PL": 2, "LT": 1, "CN": 2, "BD": 2},
           ["620193", "620342", "620462"], [COTTON]),
    Sector("26.51", "2651", "electronics maker", "Designs and assembles measuring and control instruments; printed circuit boards and components come from contract manufacturers in Asia and Mexico.",
           [("factory", "final assembly and calibration"), ("office", "engineering and administration")],
           [("factory", "printed circuit board assembly"), ("factory", "cable harness and box build")],
           [("factory", "moulded plastic parts"), ("factory", "printed circuit boards")],
           {"MY": 5, "CN": 4, "TW": 3, "TH": 2, "VN": 2, "MX": 2},
           ["853710", "854231", "850440", "903289"],
           [("Tin in solder", "800110", [("ID", "ID-BB"), ("MY", "MY-08"), ("BO", "BO-P")]),
            ("Mica in insulation", "252510", [("IN", "IN-JH"), ("MG", "MG-U")]),
            ("Cobalt in batteries", "260500", [("CD", "CD-LU"), ("AU", "AU-WA")])]),
    Sector("10.20", "1020", "seafood processor", "Imports, processes and sells frozen seafood to retailers and food service; shrimp and fish come from farms, vessels and processors in Asia and South America.",
           [("factory", "seafood processing and cold store"), ("warehouse", "cold store and distribution")],
           [("factory", "shrimp peeling and freezing"), ("factory", "fish processing")],
           [("farm", "shrimp farm"), ("vessel", "fishing vessel"), ("factory", "fish meal plant")],
           {"TH": 5, "VN": 4, "ID": 3, "IN": 2, "EC": 3},
           ["030617", "030489", "160521"],
           [("Farmed shrimp", "030617", [("TH", "TH-74"), ("VN", "VN-95"), ("EC", "EC-G"), ("IN", "IN-AP")]),
            ("Fish meal in shrimp feed", "230120", [("PE", "PE-ANC"), ("TH", "TH-90")])]),
    Sector("46.31", "4630", "fresh-produce importer", "Imports, packs and distributes fresh fruit and vegetables; grows part of the range on its own farms and buys the rest from growers and packhouses.",
           [("warehouse", "packhouse and distribution centre"), ("farm", "glasshouse growing")],
           [("farm", "vegetable growing and packing"), ("farm", "fruit orchards and packhouse")],
           [("farm", "contract grower"), ("factory", "packing subcontractor")],
           {"ES": 5, "MA": 3, "PE": 2, "KE": 2, "MX": 2, "IT": 0, "PL": 1},
           ["070200", "070960", "081010", "080390"],
           [("Tomatoes", "070200", [("ES", "ES-AN"), ("MA", "MA-09"), ("IT", "IT-75")]),
            ("Berries", "081010", [("ES", "ES-AN"), ("MA", "MA-04"), ("PE", "PE-LAL")])]),
    Sector("13.92", "1392", "home-textile brand", "Sells bedding, towels and curtains; weaving and sewing are done by suppliers in South Asia and Turkey.",
           [("office", "design and administration"), ("warehouse", "distribution centre")],
           [("factory", "weaving, cutting and sewing of home textiles"), ("factory", "terry towel weaving")],
           [("factory", "spinning mill"), ("factory", "dyeing and finishing")],
           {"IN": 5, "PK": 4, "TR": 3, "CN": 2, "BD": 2, "PT": 1},
           ["630231", "630260", "630392"], [COTTON]),
    Sector("31.09", "3100", "furniture retailer", "Designs and sells furniture; frames, upholstery and flat-pack pieces come from suppliers in Asia and Eastern Europe.",
           [("warehouse", "central warehouse"), ("service", "showroom and customer service")],
           [("factory", "furniture assembly and upholstery"), ("factory", "wood machining and finishing")],
           [("factory", "sawmill and kiln"), ("factory", "foam and fabric supplier")],
           {"VN": 4, "CN": 3, "PL": 3, "LT": 2, "ID": 2, "MY": 2},
           ["940360", "940161", "940171"],
           [("Tropical hardwood and rubberwood", "440399", [("MY", "MY-12"), ("ID", "ID-KB"), ("VN", "VN-33")])]),
    Sector("32.40", "3240", "toy company", "Designs and sells toys and games; moulding, painting and assembly are done by suppliers in Asia.",
           [("office", "design and administration"), ("warehouse", "distribution centre")],
           [("factory", "plastic moulding, painting and assembly of toys"), ("factory", "plush toy sewing")],
           [("factory", "printing of packaging"), ("factory", "injection moulding")],
           {"CN": 6, "VN": 3, "ID": 2, "MY": 1},
           ["950300", "950490"], []),
    Sector("10.82", "1073", "chocolate maker", "Makes chocolate and confectionery in its own factory from cocoa bought through traders and cooperatives in West Africa and Latin America.",
           [("factory", "cocoa processing and chocolate production"), ("warehouse", "finished-goods warehouse")],
           [("factory", "cocoa grinding"), ("warehouse", "cocoa buying station")],
           [("farm", "cocoa cooperative"), ("farm", "cocoa farms")],
           {"CI": 5, "GH": 4, "EC": 2, "PE": 1},
           ["180100", "180310", "180620"],
           [("Cocoa beans", "180100", [("CI", "CI-SM"), ("GH", "GH-AH"), ("EC", "EC-O")])]),
    Sector("47.11", "4711", "grocery retailer", "Runs supermarkets and an online shop; own-brand food and non-food products come from hundreds of suppliers worldwide.",
           [("service", "supermarket"), ("warehouse", "regional distribution centre")],
           [("factory", "own-brand food production"), ("factory", "own-brand non-food production"), ("farm", "fresh produce growing and packing")],
           [("farm", "contract grower"), ("factory", "ingredient supplier")],
           {"ES": 3, "TH": 2, "VN": 2, "CN": 3, "IN": 2, "BD": 1, "MA": 1, "PL": 2, "TR": 2, "KE": 1, "EC": 1, "BR": 1},
           ["070200", "030617", "620462", "210690", "090111"],
           [("Farmed shrimp", "030617", [("TH", "TH-74"), ("VN", "VN-95"), ("EC", "EC-G")]), COTTON,
            ("Tomatoes", "070200", [("ES", "ES-AN"), ("MA", "MA-09"), ("IT", "IT-75")])], own_share=0.3),
    Sector("15.20", "1520", "footwear brand", "Designs and sells shoes; stitching and assembly are done by suppliers in Viet Nam, Indonesia and Brazil; leather comes from tanneries.",
           [("office", "design and administration"), ("warehouse", "distribution centre")],
           [("factory", "shoe upper stitching and assembly"), ("factory", "sole moulding")],
           [("factory", "leather tannery"), ("factory", "textile upper material")],
           {"VN": 5, "ID": 4, "CN": 3, "IN": 2, "BR": 2, "PT": 1},
           ["640399", "640299", "640419"],
           [("Bovine leather", "410712", [("BR", "BR-MT"), ("IN", "IN-UP"), ("PK", "PK-PB")]),
            ("Natural rubber in soles", "400129", [("TH", "TH-90"), ("ID", "ID-RI"), ("VN", "VN-57")])]),
    Sector("27.90", "2790", "solar equipment distributor", "Designs and sells solar inverters and mounting systems and distributes modules made by manufacturers in Asia.",
           [("warehouse", "distribution centre"), ("office", "engineering and sales")],
           [("factory", "solar module assembly"), ("factory", "inverter assembly")],
           [("factory", "solar cell production"), ("factory", "aluminium frame extrusion")],
           {"CN": 5, "MY": 3, "VN": 3, "TH": 2},
           ["854143", "850440", "761090"],
           [("Polysilicon in solar cells", "280461", [("CN", "CN-NM"), ("CN", "CN-SC"), ("DE", "DE-BY"), ("US", "US-MI")]),
            ("Aluminium in frames", "760110", [("CN", "CN-SD"), ("AE", "AE-AZ"), ("NO", "NO-46")])]),
    Sector("22.19", "2219", "medical supplies distributor", "Distributes disposable gloves and medical consumables to hospitals; gloves come from manufacturers in Malaysia and Thailand.",
           [("warehouse", "distribution centre"), ("office", "sales and regulatory affairs")],
           [("factory", "nitrile and latex glove production"), ("factory", "medical consumables assembly")],
           [("factory", "latex concentrate"), ("farm", "rubber smallholdings")],
           {"MY": 6, "TH": 4, "VN": 2, "CN": 2, "ID": 1},
           ["401511", "401519", "300590"],
           [("Natural rubber latex", "400110", [("TH", "TH-90"), ("MY", "MY-05"), ("ID", "ID-RI")])]),
    Sector("10.83", "1079", "coffee roaster", "Roasts and sells coffee; green coffee is bought from exporters and cooperatives in Latin America, East Africa and Viet Nam.",
           [("factory", "coffee roasting and packing"), ("service", "cafés")],
           [("warehouse", "green coffee exporter and dry mill"), ("factory", "washing station")],
           [("farm", "coffee cooperative"), ("farm", "coffee estate")],
           {"BR": 4, "CO": 3, "ET": 3, "VN": 3, "KE": 1, "PE": 1},
           ["090111", "090121"],
           [("Green coffee", "090111", [("BR", "BR-MG"), ("CO", "CO-HUI"), ("ET", "ET-SI"), ("VN", "VN-33")])]),
    Sector("41.20", "4100", "construction contractor", "Builds residential and commercial buildings with its own crews and subcontractors; stone, steel and fittings are bought in Europe and Asia.",
           [("construction", "building site"), ("office", "head office and yard")],
           [("construction", "subcontractor crew"), ("factory", "precast concrete plant")],
           [("mine", "stone quarry"), ("factory", "brick kiln")],
           {"PL": 4, "LT": 2, "PT": 2, "CN": 3, "IN": 3, "TR": 2},
           ["680293", "690410", "730890"],
           [("Granite and natural stone", "680293", [("IN", "IN-TG"), ("CN", "CN-FJ"), ("PT", "PT-13")]),
            ("Clay bricks", "690410", [("IN", "IN-UP"), ("PK", "PK-PB"), ("PL", "PL-30")])], own_share=0.25),
    Sector("20.41", "2023", "personal-care brand", "Makes soaps, detergents and cosmetics from palm-based and mineral ingredients bought from refiners in Malaysia and Indonesia.",
           [("factory", "mixing and filling"), ("warehouse", "distribution centre")],
           [("factory", "contract filler"), ("factory", "oleochemical refinery")],
           [("farm", "oil palm plantation"), ("factory", "palm oil mill")],
           {"MY": 5, "ID": 5, "TH": 1, "CN": 1, "PL": 1},
           ["340111", "330499", "151321"],
           [("Palm oil and palm kernel oil", "151110", [("MY", "MY-12"), ("ID", "ID-KB"), ("ID", "ID-RI")]),
            ("Mica in cosmetics", "252510", [("IN", "IN-JH"), ("MG", "MG-U")])]),
    Sector("29.32", "2930", "automotive supplier", "Makes seating and interior parts for car makers in its own plants; wiring, textiles and castings come from suppliers in Mexico, Eastern Europe and Asia.",
           [("factory", "seat assembly"), ("warehouse", "logistics centre")],
           [("factory", "wire harness assembly"), ("factory", "metal stamping and welding")],
           [("factory", "aluminium casting"), ("factory", "leather cutting")],
           {"MX": 4, "PL": 3, "TR": 2, "CN": 3, "MY": 1, "IN": 2},
           ["940120", "870829", "854430"],
           [("Aluminium in castings", "760110", [("CN", "CN-SD"), ("AE", "AE-AZ"), ("NO", "NO-46")]),
            ("Bovine leather", "410712", [("BR", "BR-MT"), ("IN", "IN-UP")])]),
    Sector("52.10", "5210", "logistics provider", "Runs warehouses and cross-dock centres for retailers, with its own staff, agency workers and subcontracted hauliers.",
           [("warehouse", "fulfilment centre"), ("warehouse", "cross-dock centre")],
           [("service", "subcontracted haulage"), ("service", "cleaning and security contractor")],
           [("service", "driver agency")],
           {"PL": 4, "LT": 2, "PT": 1, "ES": 1, "TR": 1},
           ["481910", "392310"], [], own_share=0.35),
]
SECTOR_WEIGHTS = [10, 4, 7, 5, 5, 4, 4, 3, 3, 5, 3, 3, 3, 3, 3, 3, 4, 3]

FIRST = ["Anna", "Ben", "Chiara", "David", "Elif", "Farah", "Gustav", "Hana", "Ingrid", "Jonas", "Kari", "Lena", "Marco", "Nadia", "Oliver",
         "Priya", "Rosa", "Sven", "Tomás", "Ulla", "Vera", "Wei", "Yuki", "Zainab", "Amir", "Beatriz", "Carlos", "Dagny", "Emeka", "Fiona"]
LAST = ["Andersen", "Bauer", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hughes", "Ivanova", "Jensen", "Kowalski", "Laurent", "Moreau",
        "Nordvik", "O'Brien", "Petersen", "Rossi", "Schmidt", "Tanaka", "Usman", "Varga", "Walker", "Yilmaz", "Zhang", "Lindqvist", "Okafor"]
AUDIT_FIRMS = ["Meridian Social Compliance Ltd", "Fairview Audit Services", "Crossbridge Assurance", "Lanterne Ethical Audits SAS",
               "Northstar Labour Audits", "Asia Ethical Assurance Co., Ltd.", "Nordic Social Audit AS", "Equator Workplace Assessments"]
GRIEVANCE_OPERATORS = ["Clearvoice Worker Helpline Foundation", "Worker Voice Line Ltd", "SafeCall Partners", "Open Channel Foundation"]
STANDARDS = [("SA8000", "SA8000:2014 surveillance audit"), ("SMETA", "SMETA 7.0 4-pillar"), ("RBA-VAP", "RBA VAP 8.0"), ("amfori-BSCI", None), ("other", "Buyer labour-standards audit")]

OWN_TITLES = ["Head of Responsible Sourcing", "Human Rights Manager", "Chief Sustainability Officer", "Compliance Director", "ESG Lead"]


class Money(tuple):
    pass


class Raw(str):
    pass


def money(currency, amount):
    return Money((currency, amount))


def tf(flag):
    return "true" if flag else "false"


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def lei(rng):
    base = rng.choice(["5493", "2138", "9695", "5299", "8156", "3912", "7245"]) + "00" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(12))
    number = int("".join(str(int(c, 36)) for c in base + "00"))
    return base + f"{98 - number % 97:02d}"


def gln(rng, prefix):
    digits = prefix + "".join(str(rng.randint(0, 9)) for _ in range(12 - len(prefix)))
    weighted = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
    return digits + str((10 - weighted % 10) % 10)


def osh_id(rng, country):
    return country + str(rng.randint(2018, 2025)) + f"{rng.randint(1, 365):03d}" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(6))


def day_between(rng, start, end):
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


TRADE_NOUNS = {"cutting": "Garment", "knitting": "Knitwear", "weaving": "Textile", "spinning": "Spinning", "sewing": "Garment", "embroidery": "Embroidery",
               "fabric": "Textile", "printed": "Electronics", "cable": "Cable", "moulded": "Plastics", "shrimp": "Seafood", "fish": "Seafood", "fishing": "Fishing",
               "vegetable": "Agro", "fruit": "Fruit", "contract": "Agro", "packing": "Packing", "terry": "Towel", "dyeing": "Dyeing", "furniture": "Furniture",
               "wood": "Wood", "sawmill": "Timber", "foam": "Foam", "plastic": "Toys", "plush": "Toys", "injection": "Moulding", "cocoa": "Cocoa", "own-brand": "Foods",
               "ingredient": "Ingredients", "shoe": "Footwear", "sole": "Sole", "leather": "Leather", "textile": "Textile", "solar": "Solar", "inverter": "Power",
               "aluminium": "Aluminium", "nitrile": "Gloves", "medical": "Medical", "latex": "Latex", "rubber": "Rubber", "green": "Coffee", "washing": "Coffee",
               "coffee": "Coffee", "subcontractor": "Construction", "precast": "Concrete", "stone": "Stone", "brick": "Bricks", "contract filler": "Cosmetics",
               "oleochemical": "Oleo", "oil": "Plantation", "palm": "Palm Oil", "wire": "Wiring", "metal": "Metal", "subcontracted": "Transport", "cleaning": "Services",
               "driver": "Staffing", "spinning mill": "Spinning", "dyeing and finishing": "Dyeing"}
HOME_STREETS = {"GB": ["High Street", "Station Road", "Wharf Road"], "DE": ["Hauptstraße", "Industriestraße", "Hafenstraße"], "FR": ["Rue de la République", "Avenue Jean Jaurès"],
                "NL": ["Industrieweg", "Havenstraat"], "NO": ["Kokstadflaten", "Sandviksveien"], "SE": ["Storgatan", "Hamngatan"], "DK": ["Havnegade", "Vesterbrogade"],
                "AU": ["George Street", "Collins Street"], "CA": ["King Street West", "Rue Saint-Paul"], "US": ["Main Street", "Industrial Parkway"], "JP": ["Chuo-dori", "Kaigan-dori"],
                "IT": ["Via Roma", "Via dell'Industria"], "CH": ["Bahnhofstrasse", "Industriestrasse"], "IE": ["Harbour Road", "Quay Street"]}


def trade_noun(activity):
    first = activity.replace(",", "").split()[0]
    return TRADE_NOUNS.get(first, first.capitalize())


def weighted(rng, table):
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys])[0]


def person(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def split(rng, total, parts):
    """Split total into `parts` positive integers (or fewer if total is small)."""
    parts = max(1, min(parts, total))
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    edges = [0] + cuts + [total]
    return [edges[i + 1] - edges[i] for i in range(parts)]


# ---------------------------------------------------------------------------------------------
# The model of one submission
# ---------------------------------------------------------------------------------------------


class Doc:
    pass


BLOCK_ORDER = {
    "headcount": ["total", "migrantsInternational", "migrantsInternal", "agencyWorkers", "under18", "under18InHazardousWork", "prisonLabourWorkers", "nationalities", "languages"],
    "recruitment": ["recruitedThroughIntermediaries", "workersPaidFees", "feesPaidTotal", "feesPaidMaxPerWorker", "feesPaidAvgPerWorker", "feesDiscoveredDate",
                    "workersReimbursed", "feesReimbursedTotal", "reimbursementDueDate", "reimbursementPlan", "relatedCostsBorneBy", "returnTravelPaidByEmployer", "feeInterviews"],
    "documents": ["documentsHeldByEmployer", "heldWithWrittenConsent", "documentsHeldByAgent", "accessWithoutPermission", "personalLockers", "permitTiedToEmployer", "permitPaidBy"],
    "wages": ["payInterval", "maxPayDelayDays", "withheldOrDeferredAmount", "heldUntilContractEnd", "lowestMonthlyPay", "legalMinimumMonthly", "payslipsIssued", "paymentMethod"],
    "deductions": ["deductionTypes", "maxDeductionPctOfGross", "legalMaxDeductionPct", "legalSource", "disciplinaryFines"],
    "loans": ["workersWithLoans", "lender", "maxOutstanding", "maxOutstandingWeeksOfWages", "annualInterestPct", "legalMaxAnnualInterestPct", "maxRepaymentPctOfMonthlyPay",
              "mayLeaveWithOutstandingDebt", "ledgerGivenToWorker"],
    "hours": ["contractualWeeklyHours", "legalMaxWeeklyHours", "maxTotalWeeklyHours", "avgTotalWeeklyHours", "pctWorkersOver60h", "minRestDaysPer7", "maxConsecutiveDays",
              "overtimeVoluntary", "overtimeRefusalPenalised", "overtimePremiumPct", "hoursSource", "hoursSampleWeeks"],
    "leaving": ["noticePeriodDays", "legalNoticeDays", "penaltyForResigning", "penaltyForResigningAmount", "depositsOrBondsHeld", "depositsOrBondsAmount"],
    "movementAndHousing": ["employerHousing", "residents", "freeExitOutsideShifts", "curfew", "permissionNeededToLeave", "guardsRestrictExit", "phonesAllowed",
                           "transportOffSite", "occupantsPerRoomMax", "housingDeductionPct"],
    "contracts": ["writtenContractPct", "contractLanguages", "inWorkerLanguagePct", "givenBeforeDeparturePct", "substitutionCases", "substitutionRemedied"],
    "coercion": ["violenceIncidentsConfirmed", "threatIncidentsConfirmed", "incidentsInvestigated", "incidentsRemediated", "nonRetaliationPolicy"],
}
BLOCKS = list(BLOCK_ORDER)


def period_and_dates(rng, doc):
    kind = rng.random()
    if kind < 0.75:
        doc.start, doc.end = D(2025, 1, 1), D(2025, 12, 31)
        doc.submitted = day_between(rng, D(2026, 2, 20), D(2026, 6, 15))
    elif kind < 0.9:
        doc.start, doc.end = D(2025, 4, 1), D(2026, 3, 31)
        doc.submitted = day_between(rng, D(2026, 5, 10), D(2026, 6, 25))
    else:
        doc.start, doc.end = D(2024, 7, 1), D(2025, 6, 30)
        doc.submitted = day_between(rng, D(2025, 10, 1), D(2025, 12, 20))
    doc.signed = doc.submitted - dt.timedelta(days=rng.randint(0, 12))
    if doc.signed <= doc.end:
        doc.signed = doc.end + dt.timedelta(days=1)
    # Recent audits: a high-risk site needs one within 12 months of the audit date (2026-06).
    doc.recent_from = max(doc.start, D(2025, 7, 1))
    doc.recent_to = min(doc.submitted - dt.timedelta(days=14), doc.end + dt.timedelta(days=75))
    if doc.recent_to < doc.recent_from:
        doc.recent_to = doc.recent_from


def make_site(doc, rng, own, country, kind, activity, risk, supplier=None, subsidiary=None):
    s = {"own": own, "country": country.code, "c": country, "kind": kind, "activity": activity, "risk": risk,
         "supplierRef": supplier["id"] if supplier else None, "subsidiaryRef": subsidiary, "wf": {}, "langs": [], "audits": []}
    doc.site_no += 1
    s["id"] = f"SITE-{doc.site_no:04d}" if doc.big else f"SITE-{country.code}-{doc.site_no:02d}"
    s["subdiv"] = rng.choice(country.subdivisions)
    s["city"] = country.cities[country.subdivisions.index(s["subdiv"]) % len(country.cities)]
    if own:
        s["name"] = f"{doc.short} {activity}, {s['city']}"
    else:
        s["name"] = f"{supplier['name'].split(',')[0]}, {s['city']} {'plant' if kind == 'factory' else kind}" + (f" {rng.randint(2, 9)}" if rng.random() < 0.3 else "")
    s["remote"] = kind in ("vessel", "mine") or (kind == "farm" and rng.random() < 0.4)
    s["scope"] = own or risk == "high"
    size = {"office": (8, 260), "warehouse": (30, 900), "factory": (60, 4200), "farm": (15, 700), "vessel": (8, 38), "mine": (20, 400),
            "construction": (25, 500), "service": (12, 350)}[kind]
    s["total"] = int(math.exp(rng.uniform(math.log(size[0]), math.log(size[1]))))
    doc.sites.append(s)
    doc.by_id[s["id"]] = s
    return s


def workforce(doc, rng, s, level):
    """level: 'full' (own and high-risk sites), 'partial' or 'bare'."""
    c, total = s["c"], s["total"]
    cur = c.currency
    local = SUBDIVISION_LANG.get(s["subdiv"], c.lang)
    intl = 0
    if c.migrants:
        share = {"high": (0.25, 0.85), "medium": (0.05, 0.45), "low": (0.0, 0.2)}[s["risk"]]
        if s["own"]:
            share = (0.02, 0.35)
        intl = int(total * rng.uniform(*share))
        if s["kind"] in ("office",):
            intl = int(intl * 0.3)
    internal = int((total - intl) * rng.uniform(0.0, 0.5)) if c.code in SOURCE else 0
    agency = 0
    if s["kind"] in ("warehouse", "farm", "construction", "service") and rng.random() < 0.55:
        agency = min(total - intl, int(total * rng.uniform(0.05, 0.35)))
    s["intl"], s["agency"] = intl, agency
    # Nationalities and languages add up to the headcount.
    origins = rng.sample(c.migrants, min(len(c.migrants), rng.randint(1, 3))) if intl else []
    parts = split(rng, intl, len(origins)) if intl else []
    nat = [(c.code, total - intl)] + [(origins[i][0], parts[i]) for i in range(len(parts))]
    langs = {}
    local_n = total - intl
    if c.internal and internal:
        k = min(internal, local_n)
        other = rng.choice([x for x in c.internal if x != local] or [local])
        langs[other] = langs.get(other, 0) + k
        local_n -= k
    langs[local] = langs.get(local, 0) + local_n
    for i, n in enumerate(parts):
        lang = origins[i][1]
        langs[lang] = langs.get(lang, 0) + n
    s["langs"] = sorted(((l, n) for l, n in langs.items() if n > 0), key=lambda x: -x[1])
    for lang, _ in s["langs"]:
        doc.languages.add(lang)
    wf = s["wf"]
    audit = s["audits"][0] if s["audits"] else None
    if audit and rng.random() < 0.8:
        src, asof, sample = "third-party-audit", audit["end"], audit["interviews"]
    elif s["own"]:
        src = rng.choice(["self-reported", "second-party-audit", "worker-survey"])
        asof = day_between(rng, doc.end - dt.timedelta(days=90), min(doc.end, doc.submitted))
        sample = max(5, total // 8) if src == "worker-survey" else None
    else:
        src = "second-party-audit" if s["risk"] == "high" else rng.choice(["self-reported", "second-party-audit"])
        asof = day_between(rng, doc.end - dt.timedelta(days=150), min(doc.end, doc.submitted))
        sample = None
    attrs = (src, asof.isoformat(), sample)
    s["attrs"] = attrs

    def put(name, fields):
        wf[name] = {"attrs": attrs, "f": fields}

    hc = {"total": total, "migrantsInternational": intl, "agencyWorkers": agency, "under18": 0}
    if level != "bare":
        hc["migrantsInternal"] = internal
    if level == "full" or rng.random() < 0.4:
        hc["under18InHazardousWork"] = 0
        hc["prisonLabourWorkers"] = 0
        hc["nationalities"] = Raw("<nationalities>" + "".join(f"<nationality><country>{n}</country><workers>{w}</workers></nationality>" for n, w in nat if w > 0) + "</nationalities>")
        hc["languages"] = Raw("<languages>" + "".join(f"<spokenLanguage><language>{l}</language><workers>{w}</workers></spokenLanguage>" for l, w in s["langs"]) + "</languages>")
    put("headcount", hc)
    if level == "bare":
        return
    wage_min = c.min_wage
    pay = int(wage_min * rng.uniform(1.02, 1.45))
    hours_max = min(60, c.max_hours) if c.max_hours else 60
    max_total = rng.randint(max(40, min(44, hours_max - 12)), hours_max)
    contract_h = rng.choice([37.5, 38, 40, 40, 44, 48]) if max_total >= 48 else rng.choice([37.5, 38, 40])
    contract_h = min(contract_h, max_total)
    avg = round(rng.uniform(contract_h, max_total), 1)
    # Supplier sites hire migrants through recruiters; own sites mostly hire them directly.
    recruited = intl if (not s["own"] or rng.random() < 0.3) else 0
    full = level == "full"
    if full or rng.random() < 0.5:
        r = {"recruitedThroughIntermediaries": recruited + agency, "workersPaidFees": 0, "feesPaidTotal": money(cur, 0)}
        if full or rng.random() < 0.5:
            r.update({"feesPaidMaxPerWorker": money(cur, 0), "workersReimbursed": 0, "feesReimbursedTotal": money(cur, 0)})
        if full:
            costs = {k: "employer" for k in ("medical", "insurance", "skillsTest", "training", "equipment", "travel", "lodging", "visa", "permit", "documents")}
            if not intl:
                for k in ("visa", "permit"):
                    costs[k] = "not-applicable"
            r["relatedCostsBorneBy"] = Raw("<relatedCostsBorneBy>" + "".join(f"<{k}>{v}</{k}>" for k, v in costs.items()) + "</relatedCostsBorneBy>")
            r["returnTravelPaidByEmployer"] = "true"
        if intl:
            r["feeInterviews"] = max(10, math.ceil(intl * 0.05)) + rng.randint(0, 20)
        put("recruitment", r)
    if full or rng.random() < 0.45:
        d = {"documentsHeldByEmployer": 0, "heldWithWrittenConsent": 0}
        if full:
            d.update({"documentsHeldByAgent": 0, "accessWithoutPermission": "true", "personalLockers": "true"})
            if intl:
                tied = c.code in ("MY", "TW", "TH", "JP", "AU") or rng.random() < 0.3
                d["permitTiedToEmployer"] = tf(tied)
                d["permitPaidBy"] = "employer"
            else:
                d["permitTiedToEmployer"] = "false"
                d["permitPaidBy"] = "not-applicable"
        put("documents", d)
    if full or rng.random() < 0.7:
        w = {"payInterval": "monthly" if rng.random() < 0.8 else rng.choice(["weekly", "biweekly", "semimonthly"]), "maxPayDelayDays": rng.choice([0, 0, 1, 2, 3, 5, 5, 7])}
        if full:
            w["withheldOrDeferredAmount"] = money(cur, 0)
            w["heldUntilContractEnd"] = "false"
        w["lowestMonthlyPay"] = money(cur, pay)
        w["legalMinimumMonthly"] = money(cur, wage_min)
        if full:
            w["payslipsIssued"] = "true"
            w["paymentMethod"] = rng.choice(["bank-transfer", "bank-transfer", "bank-transfer", "mobile-money"])
        put("wages", w)
    if full and (s["risk"] == "high" or rng.random() < 0.6):
        types = ["tax", "social-security"] + (["housing"] if s["kind"] in ("farm", "vessel") else []) + (["food"] if rng.random() < 0.3 else [])
        legal = rng.choice([17.5, 20, 25, 30])
        put("deductions", {"deductionTypes": Raw("<deductionTypes>" + "".join(f"<deductionType>{t}</deductionType>" for t in types) + "</deductionTypes>"),
                           "maxDeductionPctOfGross": round(rng.uniform(0.5, legal * 0.6), 1), "legalMaxDeductionPct": legal,
                           "legalSource": f"Labour law of {c.code}, deductions from wages", "disciplinaryFines": "false"})
    if full and (s["risk"] == "high" or rng.random() < 0.5):
        put("loans", {"workersWithLoans": 0, "annualInterestPct": 0, "maxRepaymentPctOfMonthlyPay": 0, "mayLeaveWithOutstandingDebt": "true", "ledgerGivenToWorker": "true"})
    if full or rng.random() < 0.75:
        h = {"contractualWeeklyHours": contract_h}
        if full or rng.random() < 0.5:
            h["legalMaxWeeklyHours"] = max(c.max_hours, max_total)
        h["maxTotalWeeklyHours"] = max_total
        if full or rng.random() < 0.6:
            h["avgTotalWeeklyHours"] = avg
            h["pctWorkersOver60h"] = 0
        h["minRestDaysPer7"] = rng.choice([1, 1, 1.5, 2])
        h["maxConsecutiveDays"] = rng.choice([5, 6, 6])
        if full:
            h["overtimeVoluntary"] = "true"
            h["overtimeRefusalPenalised"] = "false"
            h["overtimePremiumPct"] = rng.choice([25, 30, 40, 50, 50, 100])
        h["hoursSource"] = "time-records"
        h["hoursSampleWeeks"] = rng.choice([12, 13, 26, 52])
        put("hours", h)
    if full:
        legal_notice = c.notice
        notice = legal_notice if legal_notice and rng.random() < 0.6 else rng.choice([7, 14, 30])
        notice = min(notice, max(30, legal_notice))
        put("leaving", {"noticePeriodDays": notice, "legalNoticeDays": legal_notice, "penaltyForResigning": "false", "depositsOrBondsHeld": "false"})
    housing = s["kind"] in ("farm", "vessel", "mine") or (intl and s["risk"] == "high" and rng.random() < 0.7) or (s["risk"] == "high")
    if full and (housing or s["remote"] or rng.random() < 0.3):
        residents = int(total * rng.uniform(0.3, 1.0)) if housing else 0
        m = {"employerHousing": tf(housing), "residents": residents, "freeExitOutsideShifts": "true", "curfew": "false", "permissionNeededToLeave": "false",
             "guardsRestrictExit": "false", "phonesAllowed": "true", "transportOffSite": "true"}
        if housing:
            m["occupantsPerRoomMax"] = rng.randint(2, 8)
        m["housingDeductionPct"] = rng.choice([0, 0, 5, 8]) if housing else 0
        put("movementAndHousing", m)
    if full or rng.random() < 0.25:
        cl = [l for l, _ in s["langs"]]
        if "en" not in cl and rng.random() < 0.5:
            cl.append("en")
        k = {"writtenContractPct": 100, "contractLanguages": Raw("<contractLanguages>" + "".join(f"<language>{l}</language>" for l in cl) + "</contractLanguages>"),
             "inWorkerLanguagePct": 100}
        if intl:
            k["givenBeforeDeparturePct"] = 100
        k["substitutionCases"] = 0
        k["substitutionRemedied"] = 0
        put("contracts", k)
    if full and (s["risk"] == "high" or rng.random() < 0.5):
        put("coercion", {"violenceIncidentsConfirmed": 0, "threatIncidentsConfirmed": 0, "incidentsInvestigated": 0, "incidentsRemediated": 0, "nonRetaliationPolicy": "true"})


def add_audit(doc, rng, s, recent, unannounced=None):
    doc.audit_no += 1
    if recent:
        start = day_between(rng, doc.recent_from, doc.recent_to)
    else:
        start = day_between(rng, max(doc.start - dt.timedelta(days=200), D(2024, 8, 1)), doc.recent_to)
    end = start + dt.timedelta(days=rng.randint(0, 2))
    if end > doc.submitted:
        end = start
    kind = "unannounced" if unannounced else rng.choice(["announced", "semi-announced", "announced"] if unannounced is None else ["announced", "semi-announced"])
    standard, std_name = rng.choice(STANDARDS)
    a = {"id": f"AUD-{doc.audit_no:04d}", "site": s["id"], "start": start, "end": end, "type": kind, "standard": standard, "std_name": std_name,
         "firm": rng.choice(AUDIT_FIRMS), "lead": person(rng), "interviews": max(5, min(60, s["total"] // 10 + rng.randint(3, 15))),
         "offsite": rng.randint(0, 12), "s": s, "annex": None}
    if rng.random() < 0.5:
        a["annex"] = add_annex(doc, f"{standard if standard != 'other' else 'Labour-standards'} audit report, {s['name']}, {start.strftime('%B %Y')}", "audit-report", a["firm"],
                               min(end + dt.timedelta(days=rng.randint(5, 25)), doc.submitted))
    doc.audits.append(a)
    s["audits"].append(a)
    return a


def add_annex(doc, title, kind, issuer, date):
    doc.annex_no += 1
    aid = f"AX-{doc.annex_no:03d}"
    doc.annexes.append({"id": aid, "title": title, "type": kind, "issuer": issuer, "date": date, "uri": f"annexes/{aid.lower()}.pdf"})
    return aid


def add_finding(doc, rng, s, indicators, severity, description, workers, ca_status, ca_due=None, remediation=None, closed=False):
    """A finding at site s (from its latest audit if any) with a corrective action."""
    doc.finding_no += 1
    audit = s["audits"][-1] if s and s["audits"] else None
    if audit:
        date = min(audit["start"] + dt.timedelta(days=rng.randint(0, 2)), doc.submitted)
        if date < audit["start"]:
            date = audit["start"]
        origin = "audit"
    else:
        date = day_between(rng, doc.start + dt.timedelta(days=30), min(doc.end, doc.submitted - dt.timedelta(days=20)))
        origin = rng.choice(["self", "grievance", "civil-society"])
    f = {"id": f"F-{doc.finding_no:04d}", "audit": audit["id"] if audit else None, "site": s["id"] if s else None, "origin": origin, "date": date,
         "indicators": indicators, "severity": severity, "description": description, "workers": workers, "unlisted": None}
    doc.findings.append(f)
    ca = {"id": f"CA-{doc.finding_no:04d}", "finding": f["id"], "date": date, "status": ca_status, "owner": f"Site manager, {s['name'] if s else doc.name}",
          "action": "Correct the practice, pay what workers are owed, and have the correction verified with workers."}
    if ca_status in ("closed", "verified"):
        closed_on = min(date + dt.timedelta(days=rng.randint(10, 60)), doc.submitted)
        ca["due"] = closed_on + dt.timedelta(days=rng.randint(0, 30))
        ca["closed"] = closed_on
        if ca_status == "verified":
            ca["verified"] = min(closed_on + dt.timedelta(days=rng.randint(3, 30)), doc.submitted)
            ca["verifier"] = audit["firm"] if audit else rng.choice(AUDIT_FIRMS)
    else:
        ca["due"] = ca_due or AS_OF + dt.timedelta(days=rng.randint(30, 150))
    doc.cas.append(ca)
    if remediation:
        remedy, complete = remediation
        doc.rem_no += 1
        owed = workers * rng.randint(40, 400)
        case = {"id": f"REM-{doc.rem_no:03d}", "finding": f["id"], "site": s["id"] if s else None, "issue": description.split(";")[0][:200], "remedy": remedy,
                "affected": workers, "reached": workers if complete else workers * rng.randint(20, 80) // 100, "currency": s["c"].currency if s else doc.home.currency,
                "owed": owed, "opened": date}
        case["repaid"] = owed if complete else owed * case["reached"] // max(1, workers)
        if complete:
            case["status"] = "verified"
            case["closed"] = min(date + dt.timedelta(days=rng.randint(20, 80)), doc.submitted)
            case["due"] = case["closed"] + dt.timedelta(days=rng.randint(0, 30))
            case["verifier"] = rng.choice(AUDIT_FIRMS)
            case["annex"] = add_annex(doc, f"Payment records and worker acknowledgements, {case['id']}", "payment-records", s["name"] if s else doc.name, case["closed"])
        else:
            case["status"] = "in-progress"
            case["due"] = AS_OF + dt.timedelta(days=rng.randint(30, 150))
        doc.remediation.append(case)
    return f, ca


def build(rng, n_sites, outcome, label):
    doc = Doc()
    doc.label, doc.outcome, doc.faults = label, outcome, []
    doc.big = n_sites > 60
    doc.site_no = doc.audit_no = doc.finding_no = doc.annex_no = doc.rem_no = 0
    doc.sites, doc.suppliers, doc.agencies, doc.recruiters, doc.inputs = [], [], [], [], []
    doc.audits, doc.findings, doc.cas, doc.remediation, doc.annexes, doc.gcases = [], [], [], [], [], []
    doc.languages = set()
    doc.by_id = {}
    doc.ko_sites = set()
    home = HOME[weighted(rng, HOME_WEIGHTS)]
    doc.home = home
    sector = rng.choices(SECTORS, weights=SECTOR_WEIGHTS)[0]
    doc.sector = sector
    period_and_dates(rng, doc)
    stem = rng.choice(home.stems)
    noun = {"apparel brand": "Outdoor", "clothing manufacturer": "Apparel", "electronics maker": "Elektronik" if home.code == "DE" else "Instruments",
            "seafood processor": "Seafoods", "fresh-produce importer": "Fresh", "home-textile brand": "Home", "furniture retailer": "Furniture",
            "toy company": "Toys", "chocolate maker": "Chocolate", "grocery retailer": "Markets", "footwear brand": "Footwear",
            "solar equipment distributor": "Solar", "medical supplies distributor": "Medical", "coffee roaster": "Coffee Roasters",
            "construction contractor": "Construction", "personal-care brand": "Naturals", "automotive supplier": "Automotive", "logistics provider": "Logistics"}[sector.label]
    doc.short = f"{stem} {noun}"
    doc.name = f"{doc.short} {home.legal}"
    doc.domain = re.sub(r"[^a-z]", "", stem.lower()) + "-" + noun.lower().split()[0] + ".example"

    # Composition of the supply chain.
    own_n = 1 if n_sites <= 2 else max(1, min(n_sites - 1, int(round(n_sites * sector.own_share * rng.uniform(0.5, 1.5))) or 1))
    if n_sites > 200:
        own_n = max(2, min(own_n, int(n_sites * sector.own_share)))
    supplier_sites = n_sites - own_n
    subsidiaries = []
    if own_n >= 2 and rng.random() < 0.5:
        sub_country = HOME[rng.choice([k for k in HOME if k != home.code])]
        subsidiaries.append({"id": "SUB-1", "name": f"{doc.short} {sub_country.legal}", "country": sub_country, "employees": 0})
    doc.subsidiaries = subsidiaries
    for i in range(own_n):
        kind, activity = sector.own_types[0] if i == 0 else rng.choice(sector.own_types)
        sub = subsidiaries[0] if subsidiaries and i == own_n - 1 else None
        country = sub["country"] if sub else home
        risk = "low" if rng.random() < 0.8 else "medium"
        if kind in ("farm", "construction") and rng.random() < 0.35:
            risk = "high"
        s = make_site(doc, rng, True, country, kind, activity, risk, subsidiary=sub["id"] if sub else None)
        if sub:
            sub["employees"] += s["total"]
    # Suppliers: tier-1 with one to three sites each, tier-2 below them.
    tier2_share = 0.3 if sector.tier2 else 0.0
    remaining = supplier_sites
    tier1 = []
    while remaining > 0:
        is_tier2 = tier1 and rng.random() < tier2_share
        country = SOURCE[weighted(rng, {k: v for k, v in sector.sourcing.items() if v > 0})]
        doc_sup_no = len(doc.suppliers) + 1
        stem = rng.choice(country.stems)
        kind, activity = rng.choice(sector.tier2 if is_tier2 else sector.tier1)
        noun = trade_noun(activity)
        name = f"PT {stem} {noun}" if country.legal == "PT" else f"{stem} {noun} {country.legal}"
        sup = {"id": f"SUP-{doc_sup_no:04d}" if doc.big else f"SUP-{country.code}-{doc_sup_no:02d}", "name": name, "country": country.code, "tier": 2 if is_tier2 else 1,
               "sector": activity, "parent": rng.choice(tier1)["id"] if is_tier2 else None, "since": D(rng.randint(2005, 2024), rng.randint(1, 12), 1),
               "hs": rng.sample(sector.commodities, min(len(sector.commodities), rng.randint(1, 2))), "share": None, "c": country}
        doc.suppliers.append(sup)
        if not is_tier2:
            tier1.append(sup)
        k = min(remaining, rng.choice([1, 1, 1, 1, 2, 2, 3]))
        for _ in range(k):
            r = rng.random() * (1.25 if is_tier2 else 1.0)
            risk = "high" if r < country.risk * 0.3 else ("medium" if r < country.risk * 0.3 + 0.55 * country.risk + 0.05 else "low")
            make_site(doc, rng, False, country, kind, activity, risk, supplier=sup)
        remaining -= k
    if tier1:
        shares = split(rng, rng.randint(max(len(tier1), 60), max(len(tier1), 95)), len(tier1))
        for sup, share in zip(tier1, shares + [None] * (len(tier1) - len(shares))):
            sup["share"] = share if share and len(tier1) <= 40 else None

    # Audits first (workforce blocks may take their figures from them), then workforce data.
    for s in doc.sites:
        if s["risk"] == "high":
            add_audit(doc, rng, s, recent=True, unannounced=True)
        elif s["risk"] == "medium":
            add_audit(doc, rng, s, recent=False)
        elif rng.random() < 0.15:
            add_audit(doc, rng, s, recent=False)
    for s in doc.sites:
        if s["scope"]:
            workforce(doc, rng, s, "full")
        elif s["risk"] == "medium":
            workforce(doc, rng, s, "partial" if rng.random() < 0.85 else "bare")
        else:
            r = rng.random()
            if r < 0.55:
                workforce(doc, rng, s, "partial")
            elif r < 0.85:
                workforce(doc, rng, s, "bare")
            else:
                s["langs"] = []

    # Intermediaries: an agency per country for sites with agency workers; recruiters for migrants.
    by_country = {}
    for s in doc.sites:
        if s.get("agency"):
            by_country.setdefault(s["country"], []).append(s)
    for code, sites in sorted(by_country.items()):
        doc.agencies.append(make_intermediary(doc, rng, "AG", code, code, sites, "agency"))
    by_origin = {}
    for s in doc.sites:
        if s.get("intl") and (s["risk"] == "high" or (s["wf"].get("recruitment") and s["wf"]["recruitment"]["f"]["recruitedThroughIntermediaries"] > s.get("agency", 0))):
            by_origin.setdefault((s["country"], s["c"].migrants[0][0]), []).append(s)
    for (code, origin), sites in sorted(by_origin.items()):
        for i in range(0, len(sites), 12):
            doc.recruiters.append(make_intermediary(doc, rng, "REC", origin, code, sites[i:i + 12], "recruiter"))

    for x in doc.agencies + doc.recruiters:
        for sid, _ in x["sites"]:
            doc.by_id[sid]["served"] = True

    # High-risk inputs traced to region or better, with chain-of-custody evidence.
    candidates = list(sector.inputs)
    rng.shuffle(candidates)
    most = min(len(candidates), 1 + n_sites // 30)
    for name, hs, origins in candidates[:rng.randint(min(most, 0 if n_sites < 4 else 1), most)]:
        picks = rng.sample(origins, min(len(origins), rng.randint(1, 3)))
        shares = split(rng, 100, len(picks))
        chain = [s for s in doc.sites if not s["own"]]
        doc.inputs.append({"id": f"HRI-{len(doc.inputs) + 1:02d}", "name": name, "hs": hs,
                           "origins": [(c, sub, sh) for (c, sub), sh in zip(picks, shares)], "trace": rng.choice(["region", "site", "lot", "lot"]),
                           "chain": [x["id"] for x in rng.sample(chain, min(len(chain), rng.randint(1, 2)))] if chain else [],
                           "clearance": None, "evidence": [add_annex(doc, f"Chain-of-custody records, {name.lower()}, {doc.end.year}", "chain-of-custody",
                                                                       rng.choice(doc.suppliers)["name"] if doc.suppliers else doc.name, min(doc.end, doc.submitted))]})

    # Due diligence: an annual risk assessment in the period; audits above; a few findings.
    doc.ra = [{"id": "RA-1", "date": day_between(rng, doc.start + dt.timedelta(days=20), doc.start + dt.timedelta(days=150))}]
    for a in list(doc.audits):
        if rng.random() < 0.3:
            s = next(x for x in doc.sites if x["id"] == a["site"])
            workers = rng.randint(5, max(6, s["total"] // 4))
            minor = rng.choice([("I8", "Overtime on rest days was paid at the weekday premium for part of the period."),
                                ("I2", "Payslips were issued only in the local language; migrant workers could not check deductions."),
                                ("I11", "Overtime peaked at 58 hours in two weeks of the peak season without prior consent forms."),
                                ("I10", "Drinking water points in the dormitory were insufficient during the summer."),
                                ("I7", "Safekeeping forms did not state that passports can be collected at any time.")])
            remediation = ("back-pay", True) if minor[0] == "I8" and rng.random() < 0.6 else None
            add_finding(doc, rng, s, [minor[0]], "minor", minor[1], workers, rng.choice(["verified", "closed", "verified"]), remediation=remediation)

    # Grievance mechanism and statistics.
    doc.grievance = {"operator": rng.choice(GRIEVANCE_OPERATORS), "anonymous": True, "independent": True, "suppliers": True, "agency": True}
    received = rng.randint(0, 6 + n_sites // 2)
    categories = dict.fromkeys(["fees", "wages", "hours", "documents", "movement", "violence", "contracts", "other"], 0)
    for _ in range(received):
        categories[rng.choice(["wages", "wages", "hours", "hours", "other", "other", "fees", "contracts", "documents", "violence", "movement"])] += 1
    carried = rng.randint(0, 3)
    open_n = rng.randint(0, min(received + carried, 4))
    doc.gstats = {"received": received, "carried": carried, "open": open_n, "resolved": received + carried - open_n, "cats": categories}
    for i in range(min(received, rng.randint(0, 3 + n_sites // 40))):
        s = rng.choice(doc.sites)
        cat = rng.choice([k for k, v in categories.items() if v] or ["other"])
        got = day_between(rng, doc.start + dt.timedelta(days=10), min(doc.end, doc.submitted - dt.timedelta(days=30)))
        done = got + dt.timedelta(days=rng.randint(3, 60))
        if done > doc.submitted:
            done = None if cat != "violence" else doc.submitted
        doc.gcases.append({"id": f"GR-{i + 1:03d}", "site": s["id"], "cat": cat, "got": got, "done": done,
                           "subst": "false" if cat == "violence" else rng.choice(["true", "false"])})

    doc.training = (n := rng.randint(12, 40 + 4 * n_sites), int(n * rng.uniform(0.82, 1.0)))
    doc.purchasing = rng.random() < 0.85
    doc.scope = dict.fromkeys(["ownOperations", "tier1Suppliers", "beyondTier1", "subcontractors", "labourAgencies", "recruiters"], "true")
    if rng.random() < 0.3:
        doc.scope["beyondTier1"] = "false"
    doc.covers_costs = doc.requires_repayment = True
    doc.signatory_role = rng.choice(["director", "chief-executive", "director"])
    doc.board = True
    return doc


def make_intermediary(doc, rng, prefix, country_code, site_country, sites, kind):
    number = len(doc.agencies) + len(doc.recruiters) + 1
    country = SOURCE.get(country_code) or HOME.get(country_code)
    stem = rng.choice(country.stems) if country else rng.choice(["Himalaya", "Golden Bridge", "Mandalay", "Manila Star", "Sahel", "Andes", "Dhaka Link"])
    name = f"{stem} {'Staffing' if kind == 'agency' else 'Overseas Employment'} {'Services' if rng.random() < 0.5 else 'Agency'}"
    supplied = [s["agency"] if kind == "agency" else s["intl"] for s in sites]
    return {"id": f"{prefix}-{number:03d}", "kind": kind, "name": name, "country": country_code, "licence": f"LIC-{rng.randint(1000, 99999)}-{rng.randint(10, 99)}",
            "issuer": f"Licensing authority for {'employment agencies' if kind == 'agency' else 'foreign employment'}, {country_code}",
            "valid": max(doc.end + dt.timedelta(days=90), D(rng.randint(2026, 2029), rng.randint(1, 12), 28)) if rng.random() < 0.8 else None,
            "recruits": [country_code], "sites": [(s["id"], n) for s, n in zip(sites, supplied)], "supplied": sum(supplied),
            "checked": min(day_between(rng, doc.start + dt.timedelta(days=60), doc.end), doc.submitted)}


# ---------------------------------------------------------------------------------------------
# Facts varied to reach an outcome (criteria in Schemas/criteria/README.md)
# ---------------------------------------------------------------------------------------------


def field(s, block, name):
    b = s["wf"].get(block)
    return b["f"].get(name) if b else None


def setf(s, block, name, value):
    s["wf"][block]["f"][name] = value


def has(s, block, *names):
    b = s["wf"].get(block)
    return bool(b) and all(n in b["f"] for n in names)


def with_finding(doc, rng, s, indicator, severity, text):
    """Real submissions usually report what an audit found, with an action under way."""
    workers = max(1, s["total"] // rng.randint(3, 10))
    if severity == "minor" or rng.random() < 0.6:
        add_finding(doc, rng, s, [indicator], severity, text, workers, rng.choice(["open", "in-progress"]))


# Majors: each function varies the facts at one site (or of the whole submission) so that a major
# criterion fails, and returns a label for the manifest.
def m_hours(doc, rng, s):
    mx = rng.randint(62, 74)
    setf(s, "hours", "maxTotalWeeklyHours", mx)
    if has(s, "hours", "pctWorkersOver60h"):
        setf(s, "hours", "pctWorkersOver60h", rng.randint(3, 40))
    if has(s, "hours", "legalMaxWeeklyHours"):
        setf(s, "hours", "legalMaxWeeklyHours", max(s["c"].max_hours, 48))
    with_finding(doc, rng, s, "I11", "major", f"Time records show up to {mx} hours in a week during the peak season.")
    return f"hours {mx} h at {s['id']}"


def m_rest(doc, rng, s):
    setf(s, "hours", "minRestDaysPer7", 0.5)
    setf(s, "hours", "maxConsecutiveDays", rng.randint(10, 14))
    with_finding(doc, rng, s, "I11", "major", "Workers had one rest day in fourteen during the peak season.")
    return f"one rest day in 14 at {s['id']}"


def m_overtime(doc, rng, s):
    setf(s, "hours", "overtimeVoluntary", "false")
    return f"overtime not voluntary at {s['id']}"


def m_paydelay(doc, rng, s):
    days = rng.randint(10, 25)
    setf(s, "wages", "maxPayDelayDays", days)
    with_finding(doc, rng, s, "I8", "major", f"Wages were paid up to {days} days after the end of the pay period.")
    return f"pay {days} days late at {s['id']}"


def m_deferred(doc, rng, s):
    setf(s, "wages", "withheldOrDeferredAmount", money(s["c"].currency, s["c"].min_wage // 2))
    return f"wages deferred at {s['id']}"


def m_deduct(doc, rng, s):
    legal = field(s, "deductions", "legalMaxDeductionPct")
    setf(s, "deductions", "maxDeductionPctOfGross", round(legal + rng.uniform(3, 15), 1))
    return f"deductions above the legal cap at {s['id']}"


def m_minwage(doc, rng, s):
    low = int(s["c"].min_wage * rng.uniform(0.8, 0.97))
    setf(s, "wages", "lowestMonthlyPay", money(s["c"].currency, low))
    with_finding(doc, rng, s, "I10", "major", "Piece-rate workers earned less than the legal minimum wage in low-volume months.")
    return f"pay below the minimum at {s['id']}"


def m_loan(doc, rng, s):
    n = max(1, s["total"] // rng.randint(5, 20))
    f = s["wf"]["loans"]["f"]
    f.update({"workersWithLoans": n, "lender": "employer", "maxOutstanding": money(s["c"].currency, s["c"].min_wage * 2), "maxOutstandingWeeksOfWages": rng.randint(6, 12),
              "annualInterestPct": 0, "legalMaxAnnualInterestPct": 12, "maxRepaymentPctOfMonthlyPay": rng.randint(4, 10)})
    return f"salary advances of 6+ weeks of wages at {s['id']}"


def m_costs(doc, rng, s):
    r = s["wf"]["recruitment"]["f"]
    costs = re.findall(r"<(\w+)>(\w[\w-]*)</\1>", r["relatedCostsBorneBy"])
    changed = rng.sample([k for k, v in costs if k in ("medical", "visa", "documents", "skillsTest", "training")], 2)
    r["relatedCostsBorneBy"] = Raw("<relatedCostsBorneBy>" + "".join(f"<{k}>{'worker' if k in changed else v}</{k}>" for k, v in costs) + "</relatedCostsBorneBy>")
    return f"workers pay {' and '.join(changed)} costs at {s['id']}"


def fees(doc, rng, s, due, plan, reimbursed_share):
    r = s["wf"]["recruitment"]["f"]
    c = s["c"]
    paid = max(1, int(s["intl"] * rng.uniform(0.2, 0.7)))
    avg = rng.choice([450, 800, 1150, 1600, 2400]) if c.currency not in ("VND", "IDR", "COP", "XOF", "KHR") else 1000
    cur = "USD"
    back = int(paid * reimbursed_share)
    r.update({"workersPaidFees": paid, "feesPaidTotal": money(cur, paid * avg), "feesPaidMaxPerWorker": money(cur, int(avg * 1.6)), "feesPaidAvgPerWorker": money(cur, avg),
              "feesDiscoveredDate": day_between(rng, doc.start + dt.timedelta(days=60), min(doc.end, doc.submitted - dt.timedelta(days=30))).isoformat(),
              "workersReimbursed": back, "feesReimbursedTotal": money(cur, back * avg)})
    if due:
        r["reimbursementDueDate"] = due.isoformat()
    if plan:
        r["reimbursementPlan"] = ("The supplier repays the remaining workers from company funds in instalments, with the buyer contributing through a price adjustment; "
                                  "workers who have returned home are paid by bank transfer traced with partner NGOs; an independent verifier confirms each payment.")
    return paid


def m_fees_late(doc, rng, s):
    paid = fees(doc, rng, s, AS_OF + dt.timedelta(days=rng.randint(20, 120)), True, rng.uniform(0.2, 0.6))
    return f"{paid} workers' fees being repaid on a plan, late, at {s['id']}"


def m_agency_unlisted(doc, rng, s):
    n = max(3, s["total"] // 5)
    setf(s, "headcount", "agencyWorkers", n)
    if has(s, "recruitment", "recruitedThroughIntermediaries"):
        setf(s, "recruitment", "recruitedThroughIntermediaries", field(s, "recruitment", "recruitedThroughIntermediaries") + n)
    return f"{n} agency workers at {s['id']}, no agency listed"


def m_licence(doc, rng, s):
    if not doc.recruiters + doc.agencies:
        return None
    x = rng.choice(doc.recruiters + doc.agencies)
    x["valid"] = doc.end - dt.timedelta(days=rng.randint(30, 200))
    return f"licence of {x['id']} expired"


def m_contract_lang(doc, rng, s):
    setf(s, "contracts", "inWorkerLanguagePct", rng.randint(55, 92))
    with_finding(doc, rng, s, "I2", "major", "Part of the workforce received contracts only in a language they do not read.")
    return f"contracts not in workers' language at {s['id']}"


def m_predeparture(doc, rng, s):
    setf(s, "contracts", "givenBeforeDeparturePct", rng.randint(30, 90))
    return f"contracts signed on arrival at {s['id']}"


def m_permit(doc, rng, s):
    setf(s, "documents", "permitTiedToEmployer", "true")
    setf(s, "documents", "permitPaidBy", "worker")
    return f"tied permits paid by workers at {s['id']}"


def m_curfew(doc, rng, s):
    m = s["wf"]["movementAndHousing"]["f"]
    m["employerHousing"] = "true"
    m["residents"] = max(1, m["residents"] or s["total"] // 2)
    m["curfew"] = "true"
    with_finding(doc, rng, s, "I3", "major", "Dormitory residents must be back by 22:00 and sign out to leave.")
    return f"dormitory curfew at {s['id']}"


def m_notice(doc, rng, s):
    f = s["wf"]["leaving"]["f"]
    f["legalNoticeDays"] = rng.choice([7, 14, 15, 30])
    f["noticePeriodDays"] = rng.choice([45, 60, 90])
    return f"{f['noticePeriodDays']} days' notice at {s['id']}"


def m_safekeeping(doc, rng, s):
    n = max(1, s["intl"] // 2 or s["total"] // 10)
    f = s["wf"]["documents"]["f"]
    f["documentsHeldByEmployer"] = n
    f["heldWithWrittenConsent"] = n
    f["accessWithoutPermission"] = "false"
    return f"passports in safekeeping, returned on request only, at {s['id']}"


def m_trace(doc, rng, s):
    if not doc.inputs:
        add_input(doc, rng)
    x = rng.choice(doc.inputs)
    x["trace"] = "country"
    return f"{x['id']} traced only to country"


def m_ra_old(doc, rng, s):
    doc.ra[0]["date"] = doc.end - dt.timedelta(days=rng.randint(430, 560))
    return "risk assessment older than 12 months"


def m_announced(doc, rng, s):
    for a in s["audits"]:
        a["type"] = "announced"
    return f"no unannounced audit of high-risk {s['id']}"


def m_audit_old(doc, rng, s):
    for a in s["audits"]:
        a["start"] = D(2023, rng.randint(6, 12), rng.randint(1, 28))
        a["end"] = a["start"] + dt.timedelta(days=1)
    for f in doc.findings:
        if f["site"] == s["id"] and f["audit"]:
            f["audit"] = None
            f["origin"] = "self"
    return f"last audit of {s['id']} over 24 months old"


def m_overdue(doc, rng, s):
    ind = rng.choice(["I8", "I11", "I2"])
    f, ca = add_finding(doc, rng, s, [ind], "major", "Overtime premiums were underpaid for several months.", max(1, s["total"] // 6), "in-progress",
                        ca_due=AS_OF, remediation=("back-pay", False))
    ca["due"] = max(f["date"], min(f["date"] + dt.timedelta(days=rng.randint(30, 90)), AS_OF - dt.timedelta(days=1)))
    if ca["due"] >= AS_OF:
        return None
    return f"action {ca['id']} overdue"


def m_dd01(doc, rng, s):
    s["activity"] = ""
    return f"tier-1 site {s['id']} without activity"


def m_griev(doc, rng, s):
    doc.grievance["suppliers"] = False
    return "grievance line closed to supplier workers"


def m_scope(doc, rng, s):
    doc.scope[rng.choice(["recruiters", "labourAgencies", "subcontractors"])] = "false"
    return "code does not bind all intermediaries"


def m_pol_fees(doc, rng, s):
    doc.covers_costs = False
    return "fee ban leaves related costs to workers"


# Major facts: (theme, which sites qualify, how to vary the facts, ILO indicators of the criterion that
# then fails, from Schemas/criteria/README.md). Three or more indicators among the failed majors at
# one site make a knock-out (the scheme's indicator cluster), so apply_major keeps below that.
MAJORS = {
    "hours": ("HRS", lambda s: has(s, "hours", "maxTotalWeeklyHours"), m_hours, ("I11",)),
    "rest": ("HRS", lambda s: has(s, "hours", "minRestDaysPer7"), m_rest, ("I11",)),
    "overtime": ("HRS", lambda s: has(s, "hours", "overtimeVoluntary"), m_overtime, ("I11", "I6")),
    "paydelay": ("WAGE", lambda s: has(s, "wages", "maxPayDelayDays"), m_paydelay, ("I8",)),
    "deferred": ("WAGE", lambda s: has(s, "wages", "withheldOrDeferredAmount"), m_deferred, ("I8",)),
    "deductions": ("WAGE", lambda s: has(s, "deductions", "maxDeductionPctOfGross"), m_deduct, ("I8", "I9")),
    "minwage": ("WAGE", lambda s: has(s, "wages", "lowestMonthlyPay"), m_minwage, ("I10",)),
    "loans": ("WAGE", lambda s: has(s, "loans"), m_loan, ("I9",)),
    "costs": ("REC", lambda s: has(s, "recruitment", "relatedCostsBorneBy"), m_costs, ("I9",)),
    "fees-late": ("REC", lambda s: s["scope"] and s.get("intl", 0) >= 4 and s.get("served") and has(s, "recruitment", "relatedCostsBorneBy") and has(s, "loans"), m_fees_late, ("I9",)),
    "agency": ("REC", lambda s: not s["own"] and has(s, "headcount") and not s.get("agency") and not s.get("intl") and s["risk"] != "high", m_agency_unlisted, ("I9", "I2")),
    "licence": ("REC", None, m_licence, ()),
    "contract-lang": ("CON", lambda s: has(s, "contracts", "inWorkerLanguagePct"), m_contract_lang, ("I2",)),
    "predeparture": ("CON", lambda s: has(s, "contracts", "givenBeforeDeparturePct"), m_predeparture, ("I2",)),
    "permit": ("CON", lambda s: s["scope"] and s.get("intl") and has(s, "documents", "permitTiedToEmployer"), m_permit, ("I1",)),
    "curfew": ("MOV", lambda s: has(s, "movementAndHousing"), m_curfew, ("I3", "I4")),
    "notice": ("MOV", lambda s: has(s, "leaving"), m_notice, ("I6", "I8")),
    "safekeeping": ("MOV", lambda s: has(s, "documents", "accessWithoutPermission") and not (s.get("intl") and field(s, "documents", "permitTiedToEmployer") == "true"), m_safekeeping, ("I7",)),
    "traceability": ("DD", None, m_trace, ()),
    "risk-assessment": ("DD", None, m_ra_old, ()),
    "announced": ("DD", lambda s: s["risk"] == "high", m_announced, ("I1",)),
    "audit-age": ("DD", lambda s: s["risk"] == "medium" and s["audits"], m_audit_old, ("I1",)),
    "overdue": ("DD", lambda s: s["risk"] in ("medium", "high") and not s["scope"], m_overdue, ("I1",)),
    "tier1-map": ("DD", None, m_dd01, ()),
    "grievance": ("GRM", None, m_griev, ()),
    "scope": ("POL", None, m_scope, ()),
    "employer-pays": ("POL", None, m_pol_fees, ()),
}
MAJOR_WEIGHTS = {"hours": 6, "rest": 3, "overtime": 2, "paydelay": 4, "deferred": 2, "deductions": 2, "minwage": 3, "loans": 2, "costs": 4, "fees-late": 4, "agency": 2,
                 "licence": 2, "contract-lang": 3, "predeparture": 2, "permit": 2, "curfew": 3, "notice": 2, "safekeeping": 2, "traceability": 3, "risk-assessment": 2,
                 "announced": 2, "audit-age": 2, "overdue": 2, "tier1-map": 1, "grievance": 1, "scope": 2, "employer-pays": 1}


def add_input(doc, rng):
    name, hs, origins = rng.choice(doc.sector.inputs or [COTTON])
    chain = [s for s in doc.sites if not s["own"]] or doc.sites
    (c, sub) = rng.choice(origins)
    doc.inputs.append({"id": f"HRI-{len(doc.inputs) + 1:02d}", "name": name, "hs": hs, "origins": [(c, sub, 100)], "trace": "region",
                       "chain": [rng.choice(chain)["id"]], "clearance": None,
                       "evidence": [add_annex(doc, f"Chain-of-custody records, {name.lower()}", "chain-of-custody", doc.name, min(doc.end, doc.submitted))]})


def apply_major(doc, rng, key, site_load, avoid=()):
    theme, pred, fn, indicators = MAJORS[key]
    if key == "tier1-map":
        tier1 = {x["id"] for x in doc.suppliers if x["tier"] == 1}
        counts = {}
        for s in doc.sites:
            if s["supplierRef"] in tier1:
                counts.setdefault(s["supplierRef"], []).append(s)
        single = [v[0] for v in counts.values() if len(v) == 1 and v[0]["id"] not in avoid]
        return fn(doc, rng, rng.choice(single)) if single else None
    if pred is None:
        return fn(doc, rng, None)
    cands = [s for s in doc.sites if s["id"] not in avoid and pred(s) and len(site_load.get(s["id"], set()) | set(indicators)) < 3]
    if not cands:
        return None
    scoped = [s for s in cands if s["scope"]]
    s = rng.choice(scoped if scoped and rng.random() < 0.7 else cands)
    site_load.setdefault(s["id"], set()).update(indicators)
    return fn(doc, rng, s)


# Knock-outs
def ko_site(doc, rng, pred):
    cands = [s for s in doc.sites if s["scope"] and pred(s) and s["id"] not in doc.ko_sites]
    if not cands:
        return None
    s = rng.choice(cands)
    doc.ko_sites.add(s["id"])
    return s


def ko_finding(doc, rng, s, indicator, text):
    if rng.random() < 0.7:
        add_finding(doc, rng, s, [indicator], "KO", text, max(1, s["total"] // rng.randint(3, 8)), "in-progress")


def k_fees(doc, rng):
    s = ko_site(doc, rng, lambda s: s.get("intl", 0) >= 4 and s.get("served") and has(s, "recruitment", "relatedCostsBorneBy") and has(s, "loans"))
    if not s:
        return None
    paid = fees(doc, rng, s, None, False, rng.uniform(0.0, 0.3))
    ko_finding(doc, rng, s, "I9", "Migrant workers paid recruitment fees to agents in their home country; no repayment has been agreed.")
    return f"{paid} workers paid fees, no repayment date, at {s['id']}"


def k_passports(doc, rng):
    s = ko_site(doc, rng, lambda s: has(s, "documents", "accessWithoutPermission"))
    if not s:
        return None
    held = max(2, (s.get("intl") or s["total"]) * rng.randint(40, 100) // 100)
    f = s["wf"]["documents"]["f"]
    f["documentsHeldByEmployer"] = held
    f["heldWithWrittenConsent"] = held * rng.randint(0, 30) // 100
    ko_finding(doc, rng, s, "I7", "Passports are kept in the HR office; most workers never asked for safekeeping.")
    return f"{held} passports held without consent at {s['id']}"


def k_agent_docs(doc, rng):
    s = ko_site(doc, rng, lambda s: has(s, "documents", "documentsHeldByAgent") and s.get("intl", 0) > 0)
    if not s:
        return None
    setf(s, "documents", "documentsHeldByAgent", max(1, s["intl"] // 4))
    return f"agent holds workers' documents at {s['id']}"


def k_confinement(doc, rng):
    s = ko_site(doc, rng, lambda s: has(s, "movementAndHousing"))
    if not s:
        return None
    m = s["wf"]["movementAndHousing"]["f"]
    if rng.random() < 0.5:
        m["freeExitOutsideShifts"] = "false"
    else:
        m["guardsRestrictExit"] = "true"
    ko_finding(doc, rng, s, "I3", "Guards at the dormitory gate stop workers leaving outside shift hours.")
    return f"workers cannot leave freely at {s['id']}"


def k_wage_held(doc, rng):
    s = ko_site(doc, rng, lambda s: has(s, "wages", "heldUntilContractEnd"))
    if not s:
        return None
    setf(s, "wages", "heldUntilContractEnd", "true")
    setf(s, "wages", "withheldOrDeferredAmount", money(s["c"].currency, s["c"].min_wage))
    ko_finding(doc, rng, s, "I8", "One month's wage is held as a deposit until the end of the contract.")
    return f"wages held to contract end at {s['id']}"


def k_debt(doc, rng):
    s = ko_site(doc, rng, lambda s: has(s, "loans"))
    if not s:
        return None
    m_loan(doc, rng, s)
    setf(s, "loans", "mayLeaveWithOutstandingDebt", "false")
    return f"indebted workers may not leave at {s['id']}"


def k_overtime(doc, rng):
    s = ko_site(doc, rng, lambda s: has(s, "hours", "overtimeRefusalPenalised"))
    if not s:
        return None
    setf(s, "hours", "overtimeVoluntary", "false")
    setf(s, "hours", "overtimeRefusalPenalised", "true")
    ko_finding(doc, rng, s, "I11", "Workers who refuse overtime lose their attendance bonus and are moved to the night shift.")
    return f"refusing overtime is punished at {s['id']}"


def k_substitution(doc, rng):
    s = ko_site(doc, rng, lambda s: has(s, "contracts", "substitutionCases") and s.get("intl", 0) >= 3)
    if not s:
        return None
    n = rng.randint(2, max(2, s["intl"] // 3))
    setf(s, "contracts", "substitutionCases", n)
    setf(s, "contracts", "substitutionRemedied", rng.randint(0, n - 1))
    return f"{n} contracts substituted at {s['id']}"


def k_threats(doc, rng):
    s = ko_site(doc, rng, lambda s: has(s, "coercion"))
    if not s:
        return None
    f = s["wf"]["coercion"]["f"]
    n = rng.randint(1, 4)
    f["threatIncidentsConfirmed"] = n
    f["incidentsInvestigated"] = n
    f["incidentsRemediated"] = rng.randint(0, n - 1)
    return f"{n} confirmed threats not remediated at {s['id']}"


def k_xinjiang(doc, rng):
    if not doc.inputs:
        add_input(doc, rng)
    x = rng.choice(doc.inputs)
    share = rng.randint(5, 25)
    c, sub, sh = x["origins"][0]
    x["origins"][0] = (c, sub, max(1, sh - share))
    x["origins"].append(("CN", "CN-XJ", share))
    return f"{x['id']} partly from CN-XJ without clearance"


def k_unlisted(doc, rng):
    s = rng.choice(doc.sites)
    c = s["c"]
    f, _ = add_finding(doc, rng, s, ["I2"], "major", "Part of the order was moved to an unapproved subcontractor that was not disclosed or audited.",
                       rng.randint(10, 80), "in-progress", remediation=None)
    f["site"] = None
    f["unlisted"] = (f"{rng.choice(c.stems)} subcontract workshop", c.code, rng.choice(c.subdivisions), rng.choice(c.cities))
    return f"finding names an unlisted subcontractor ({f['id']})"


def k_cluster(doc, rng):
    s = ko_site(doc, rng, lambda s: has(s, "hours", "maxTotalWeeklyHours") and has(s, "wages", "maxPayDelayDays") and has(s, "contracts", "inWorkerLanguagePct"))
    if not s:
        return None
    m_hours(doc, rng, s)
    m_paydelay(doc, rng, s)
    m_contract_lang(doc, rng, s)
    return f"hours, pay delay and contracts fail together at {s['id']}"


KNOCKOUTS = {"fees": (k_fees, 4), "passports": (k_passports, 4), "agent-documents": (k_agent_docs, 1), "confinement": (k_confinement, 2), "wages-held": (k_wage_held, 3),
             "debt": (k_debt, 2), "overtime-punished": (k_overtime, 3), "substitution": (k_substitution, 2), "threats": (k_threats, 2), "xinjiang": (k_xinjiang, 1),
             "unlisted-site": (k_unlisted, 2), "cluster": (k_cluster, 3)}


# Thin data: gates and missing evidence
def t_blocks(doc, rng):
    cands = [s for s in doc.sites if s["scope"]]
    s = rng.choice(cands)
    present = [b for b in ("recruitment", "documents", "wages", "hours", "contracts", "leaving", "deductions", "movementAndHousing") if b in s["wf"]]
    if len(present) < 2:
        return None
    drop = rng.sample(present, k=min(len(present), rng.randint(2, 3)))
    for b in drop:
        del s["wf"][b]
    return f"{s['id']} lacks {', '.join(drop)}"


def t_headcount_only(doc, rng):
    s = rng.choice([s for s in doc.sites if s["own"]])
    for b in list(s["wf"]):
        if b != "headcount":
            del s["wf"][b]
    for x in doc.sites:
        if x["risk"] == "high" and rng.random() < 0.7:
            x["wf"] = {}
    return f"own site {s['id']} reports only a headcount"


def t_no_ra(doc, rng):
    doc.ra = []
    return "no risk assessment"


def t_no_grievance(doc, rng):
    doc.grievance = None
    return "no grievance mechanism"


def t_attestation(doc, rng):
    if rng.random() < 0.5:
        doc.signatory_role = "other"
    doc.board = False
    return "attestation without board approval" + (" by a non-director" if doc.signatory_role == "other" else "")


def t_missing_ko_data(doc, rng):
    s = rng.choice([s for s in doc.sites if s["scope"]])
    which = rng.choice([("recruitment", "workersPaidFees"), ("documents", "documentsHeldByEmployer"), ("hours", "overtimeRefusalPenalised")])
    if which[1] in s["wf"].get(which[0], {}).get("f", {}):
        del s["wf"][which[0]]["f"][which[1]]
        return f"{s['id']} does not say {which[1]}"
    return None


def t_broken_ref(doc, rng):
    with_annex = [au for au in doc.audits if au["annex"]]
    if not with_annex:
        return None
    au = rng.choice(with_annex)
    au["annex"] += "-2"
    return f"audit {au['id']} cites an annex that is not attached"


THIN = {"blocks": (t_blocks, 4), "headcount-only": (t_headcount_only, 2), "no-risk-assessment": (t_no_ra, 2), "no-grievance": (t_no_grievance, 2),
        "attestation": (t_attestation, 3), "missing-ko-data": (t_missing_ko_data, 3), "broken-reference": (t_broken_ref, 1)}


def minor_noise(doc, rng):
    """Small flaws that cost points but not the label, in any kind of submission."""
    labels = []
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
        r = rng.randrange(5)
        if r == 0:
            doc.training = (doc.training[0], int(doc.training[0] * rng.uniform(0.6, 0.78)))
            labels.append("training below 80 %")
        elif r == 1 and doc.grievance:
            doc.grievance["anonymous"] = False
            labels.append("grievance line not anonymous")
        elif r == 2:
            s = next((x for x in doc.sites if has(x, "hours") and not x["scope"]), None)
            if s:
                setf(s, "hours", "hoursSource", "interviews")
                labels.append(f"hours from interviews at {s['id']}")
        elif r == 3:
            doc.purchasing = False
            labels.append("no purchasing-practices provision")
        elif r == 4:
            s = next((x for x in doc.sites if x.get("intl", 0) > 100 and has(x, "recruitment", "feeInterviews")), None)
            if s:
                setf(s, "recruitment", "feeInterviews", rng.randint(2, 8))
                labels.append(f"few fee interviews at {s['id']}")
    return labels


def apply_outcome(doc, rng):
    load = {}
    if doc.outcome == "major":
        keys = list(MAJOR_WEIGHTS)
        themes = set()
        want = rng.choices([1, 2, 3, 4], weights=[35, 35, 20, 10])[0]
        tries = 0
        while len(doc.faults) < want and tries < 40:
            tries += 1
            key = rng.choices(keys, weights=[MAJOR_WEIGHTS[k] for k in keys])[0]
            if MAJORS[key][0] in themes:
                continue
            label = apply_major(doc, rng, key, load)
            if label:
                themes.add(MAJORS[key][0])
                doc.faults.append(label)
    elif doc.outcome == "knockout":
        keys = list(KNOCKOUTS)
        want = rng.choices([1, 2, 3], weights=[60, 30, 10])[0]
        tries = 0
        while len(doc.faults) < want and tries < 40:
            tries += 1
            key = rng.choices(keys, weights=[KNOCKOUTS[k][1] for k in keys])[0]
            label = KNOCKOUTS[key][0](doc, rng)
            if label:
                doc.faults.append(label)
        for _ in range(rng.choice([0, 1, 2])):
            label = apply_major(doc, rng, rng.choice(list(MAJORS)), load, avoid=doc.ko_sites)
            if label:
                doc.faults.append(label)
    elif doc.outcome == "thin":
        keys = list(THIN)
        want = rng.choices([1, 2, 3], weights=[50, 35, 15])[0]
        tries = 0
        while len(doc.faults) < want and tries < 30:
            tries += 1
            key = rng.choices(keys, weights=[THIN[k][1] for k in keys])[0]
            label = THIN[key][0](doc, rng)
            if label and label not in doc.faults:
                doc.faults.append(label)
    doc.faults += minor_noise(doc, rng)


# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------


def render(doc):
    o = []
    a = o.append
    home = doc.home
    a('<?xml version="1.0" encoding="UTF-8"?>')
    a(f"<!--\n  Generated by Benchmarks/audit/generate.py ({doc.label}): {esc(doc.name)}, {home.code}, {doc.sector.label} (NACE {doc.sector.nace}),"
      f" {len(doc.sites)} sites.\n  Intended outcome: {doc.outcome}{': ' + esc('; '.join(doc.faults)).replace('--', '-') if doc.faults else ''}.\n-->")
    a(f'<submission xmlns="{NS}" schemaVersion="1.0">')
    a("  <organisation>")
    a(f"    <legalName>{esc(doc.name)}</legalName>")
    a(f"    <tradingName>{esc(doc.short)}</tradingName>")
    a(f"    <identifiers>\n      <lei>{doc.lei}</lei>\n      <nationalId scheme=\"{home.id_scheme}\">{doc.national_id}</nationalId>\n    </identifiers>")
    a(f"    <country>{home.code}</country>")
    a(f"    <address>\n      <line>{doc.street}</line>\n      <city>{home.cities[0]}</city>\n      <postalCode>{doc.postcode}</postalCode>\n    </address>")
    a(f'    <naceCode revision="2">{doc.sector.nace}</naceCode>')
    a(f'    <isicCode revision="4">{doc.sector.isic}</isicCode>')
    a(f"    <description>{esc(doc.sector.describe)}</description>")
    a(f"    <employees>{doc.employees}</employees>")
    a(f'    <turnover currency="{home.currency}">{doc.turnover}</turnover>')
    a(f"    <website>https://www.{doc.domain}</website>")
    a(f"    <contact>\n      <name>{doc.contact}</name>\n      <jobTitle>{doc.contact_title}</jobTitle>\n      <email>{doc.contact_email}</email>\n    </contact>")
    if doc.subsidiaries:
        a("    <subsidiaries>")
        for sub in doc.subsidiaries:
            a(f'      <subsidiary id="{sub["id"]}">\n        <legalName>{esc(sub["name"])}</legalName>\n        <identifiers>\n          <nationalId scheme="{sub["country"].id_scheme}">{sub["nid"]}</nationalId>\n        </identifiers>'
              f'\n        <country>{sub["country"].code}</country>\n        <ownershipPct>100</ownershipPct>\n        <employees>{sub["employees"]}</employees>\n      </subsidiary>')
        a("    </subsidiaries>")
    a(f"    <reportingPeriod>\n      <start>{doc.start}</start>\n      <end>{doc.end}</end>\n    </reportingPeriod>")
    a(f"    <submissionDate>{doc.submitted}</submissionDate>")
    a("    <regimes>" + "".join(f"<regime>{r}</regime>" for r in home.regimes) + "</regimes>")
    a("  </organisation>")

    a("  <codeOfConduct>")
    a(f"    <title>{esc(doc.short)} Code of Conduct</title>\n    <version>{doc.code_version}</version>\n    <adoptedDate>{doc.code_adopted}</adoptedDate>\n    <approvedBy>Board of Directors</approvedBy>")
    a(f"    <url>https://www.{doc.domain}/code-of-conduct</url>")
    a("    <provisions>")
    for i, topic in enumerate(doc.topics):
        if topic == "recruitment-fees":
            a(f'      <provision id="COC-{i + 1}"><topic>{topic}</topic><clause>{i + 1}</clause><summary>No worker pays any recruitment fee or related cost; fees found paid are repaid.</summary>'
              f"<coversRelatedCosts>{tf(doc.covers_costs)}</coversRelatedCosts><requiresRepayment>{tf(doc.requires_repayment)}</requiresRepayment></provision>")
        else:
            a(f'      <provision id="COC-{i + 1}"><topic>{topic}</topic><clause>{i + 1}</clause></provision>')
    a("    </provisions>")
    a("    <scope>" + "".join(f"<{k}>{v}</{k}>" for k, v in doc.scope.items()) + "</scope>")
    a("    <inSupplierContracts>true</inSupplierContracts>")
    a("    <languages>" + "".join(f"<language>{l}</language>" for l in doc.code_languages) + "</languages>")
    a("    <communication><channel>website</channel><channel>notice-boards</channel><channel>supplier-contracts</channel><channel>onboarding</channel></communication>")
    a(f"    <training>\n      <peopleInScope>{doc.training[0]}</peopleInScope>\n      <peopleTrained>{doc.training[1]}</peopleTrained>\n"
      f"      <topics>ILO indicators of forced labour, Employer Pays Principle, grievance handling.</topics>\n    </training>")
    a("  </codeOfConduct>")

    a("  <supplyChain>")
    for sup in doc.suppliers:
        attrs = f' suppliesToRef="{sup["parent"]}"' if sup["parent"] else ""
        a(f'    <supplier id="{sup["id"]}"{attrs}>')
        a(f'      <name>{esc(sup["name"])}</name>')
        a(f'      <identifiers><nationalId scheme="{sup["c"].id_scheme}">{sup["nid"]}</nationalId></identifiers>')
        a(f'      <country>{sup["country"]}</country>\n      <tier>{sup["tier"]}</tier>\n      <sector>{esc(sup["sector"])}</sector>')
        if sup["share"]:
            a(f'      <spendSharePct>{sup["share"]}</spendSharePct>')
        a(f'      <relationshipSince>{sup["since"]}</relationshipSince>')
        a("      <commodities>" + "".join(f"<hsCode>{h}</hsCode>" for h in sup["hs"]) + "</commodities>")
        a("    </supplier>")
    for s in doc.sites:
        attrs = (f' supplierRef="{s["supplierRef"]}"' if s["supplierRef"] else "") + (f' subsidiaryRef="{s["subsidiaryRef"]}"' if s["subsidiaryRef"] else "")
        a(f'    <site id="{s["id"]}"{attrs}>')
        a(f'      <name>{esc(s["name"])}</name>\n      <siteType>{s["kind"]}</siteType>')
        if s.get("street"):
            a(f'      <address><line>{s["street"]}</line><city>{esc(s["city"])}</city></address>')
        a(f'      <country>{s["country"]}</country>\n      <subdivision>{s["subdiv"]}</subdivision>')
        if s.get("gln"):
            a(f'      <gln>{s["gln"]}</gln>')
        if s.get("osh"):
            a(f'      <openSupplyHubId>{s["osh"]}</openSupplyHubId>')
        if s["activity"]:
            a(f'      <sector>{esc(s["activity"])}</sector>')
        a(f'      <riskRating>{s["risk"]}</riskRating>\n      <riskBasis>{s["basis"]}</riskBasis>\n      <remote>{tf(s["remote"])}</remote>')
        if s["wf"]:
            a("      <workforce>")
            for block in BLOCKS:
                b = s["wf"].get(block)
                if not b:
                    continue
                src, asof, sample = b["attrs"]
                a(f'        <{block} source="{src}" asOf="{asof}"' + (f' sampleSize="{sample}"' if sample else "") + ">")
                f = b["f"]
                for key in BLOCK_ORDER[block]:
                    v = f.get(key)
                    if v is None:
                        continue
                    t = type(v)
                    if t is Money:
                        a(f'          <{key} currency="{v[0]}">{v[1]}</{key}>')
                    elif t is Raw:
                        a(f"          {v}")
                    else:
                        a(f"          <{key}>{v}</{key}>")
                a(f"        </{block}>")
            a("      </workforce>")
        a("    </site>")
    for x in doc.agencies + doc.recruiters:
        tag = "labourAgency" if x["kind"] == "agency" else "recruiter"
        a(f'    <{tag} id="{x["id"]}">\n      <name>{esc(x["name"])}</name>\n      <country>{x["country"]}</country>')
        a(f'      <licence><number>{x["licence"]}</number><issuer>{x["issuer"]}</issuer>' + (f'<validUntil>{x["valid"]}</validUntil>' if x["valid"] else "") + "</licence>")
        a("      <recruitsIn>" + "".join(f"<country>{c}</country>" for c in x["recruits"]) + "</recruitsIn>")
        for sid, n in x["sites"]:
            a(f'      <servedSite siteRef="{sid}"><workersSupplied>{n}</workersSupplied></servedSite>')
        a(f'      <workersSupplied>{x["supplied"]}</workersSupplied>\n      <feeModel>employer-paid</feeModel>\n      <contractBansWorkerFees>true</contractBansWorkerFees>'
          f'\n      <usesSubAgents>false</usesSubAgents>\n      <lastCheckedDate>{x["checked"]}</lastCheckedDate>\n    </{tag}>')
    for x in doc.inputs:
        a(f'    <highRiskInput id="{x["id"]}">\n      <name>{x["name"]}</name>\n      <hsCode>{x["hs"]}</hsCode>')
        for c, sub, share in x["origins"]:
            a(f"      <origin><country>{c}</country><subdivision>{sub}</subdivision><sharePct>{share}</sharePct></origin>")
        a(f'      <traceability>{x["trace"]}</traceability>\n      <traceabilityMethod>Transaction certificates from origin to the first processor; mass balance checked each quarter.</traceabilityMethod>')
        a("      <riskBasis>Listed on the US DOL TVPRA list for several origins; blending can hide origin.</riskBasis>")
        for sid in x["chain"]:
            a(f'      <chainSite siteRef="{sid}"/>')
        for ax in x["evidence"]:
            a(f'      <evidence annexRef="{ax}"/>')
        a("    </highRiskInput>")
    a("  </supplyChain>")

    a("  <dueDiligence>")
    a(f"    <responsiblePerson>\n      <name>{doc.contact}</name>\n      <jobTitle>{doc.contact_title}</jobTitle>\n      <email>{doc.contact_email}</email>\n    </responsiblePerson>")
    for ra in doc.ra:
        a(f'    <riskAssessment id="{ra["id"]}">\n      <date>{ra["date"]}</date>\n      <type>annual</type>')
        a("      <method>Country, sector and commodity scores from the listed sources, adjusted with audit, grievance and worker-survey data; risks ranked by severity and likelihood (OECD Due Diligence Guidance).</method>")
        a("      <scope>Own sites, tier-1 suppliers, nominated tier-2 suppliers and high-risk inputs.</scope>\n      <performedBy>Responsible sourcing team</performedBy>")
        a("      <informationSource>us-dol-tvpra-list</informationSource><informationSource>global-slavery-index</informationSource><informationSource>audit-data</informationSource><informationSource>grievance-data</informationSource>")
        for s in doc.sites:
            if s["risk"] != "low":
                a(f'      <rating siteRef="{s["id"]}"><level>{s["risk"]}</level>' + ("<indicator>I9</indicator><indicator>I1</indicator>" if s["risk"] == "high" else "<indicator>I11</indicator>") + "</rating>")
        for x in doc.inputs:
            a(f'      <rating highRiskInputRef="{x["id"]}"><level>medium</level><basis>Traced to {x["trace"]}.</basis></rating>')
        a("    </riskAssessment>")
    for au in doc.audits:
        a(f'    <audit id="{au["id"]}" siteRef="{au["site"]}">\n      <startDate>{au["start"]}</startDate>\n      <endDate>{au["end"]}</endDate>\n      <type>{au["type"]}</type>\n      <purpose>surveillance</purpose>\n      <standard>{au["standard"]}</standard>')
        if au["std_name"]:
            a(f'      <standardName>{au["std_name"]}</standardName>')
        a(f'      <auditFirm>{au["firm"]}</auditFirm>\n      <leadAuditor>{au["lead"]}</leadAuditor>\n      <workerInterviews>{au["interviews"]}</workerInterviews>\n      <offSiteInterviews>{au["offsite"]}</offSiteInterviews>')
        langs = [l for l, _ in au["s"]["langs"][:3]] or [au["s"]["c"].lang]
        a("      <interviewLanguages>" + "".join(f"<language>{l}</language>" for l in langs) + "</interviewLanguages>")
        if au["annex"]:
            a(f'      <evidence annexRef="{au["annex"]}"/>')
        a("    </audit>")
    for f in doc.findings:
        attrs = (f' auditRef="{f["audit"]}"' if f["audit"] else "") + (f' siteRef="{f["site"]}"' if f["site"] else "")
        a(f'    <finding id="{f["id"]}"{attrs}>\n      <origin>{f["origin"]}</origin>\n      <date>{f["date"]}</date>')
        for i in f["indicators"]:
            a(f"      <indicator>{i}</indicator>")
        a(f'      <severity>{f["severity"]}</severity>\n      <description>{f["description"]}</description>\n      <workersAffected>{f["workers"]}</workersAffected>')
        if f["unlisted"]:
            name, c, sub, loc = f["unlisted"]
            a(f"      <unlistedSite><name>{esc(name)}</name><country>{c}</country><subdivision>{sub}</subdivision><location>{esc(loc)}</location></unlistedSite>")
        a("    </finding>")
    for ca in doc.cas:
        a(f'    <correctiveAction id="{ca["id"]}" findingRef="{ca["finding"]}">\n      <action>{ca["action"]}</action>\n      <owner>{esc(ca["owner"])}</owner>\n      <dueDate>{ca["due"]}</dueDate>\n      <status>{ca["status"]}</status>')
        if ca.get("closed"):
            a(f'      <closedDate>{ca["closed"]}</closedDate>')
        if ca.get("verified"):
            a(f'      <verificationMethod>worker-interviews</verificationMethod>\n      <verificationDate>{ca["verified"]}</verificationDate>\n      <verifiedBy>{ca["verifier"]}</verifiedBy>')
        a("    </correctiveAction>")
    a("  </dueDiligence>")

    if doc.grievance:
        g = doc.grievance
        a("  <grievance>\n    <mechanism>")
        a(f"      <name>{esc(doc.short)} Speak Up</name>\n      <channel>hotline</channel>\n      <channel>messaging-app</channel>\n      <channel>web-form</channel>")
        a(f"      <operatedBy>{'independent' if g['independent'] else 'internal'}</operatedBy>\n      <operatorName>{g['operator']}</operatorName>\n      <anonymous>{tf(g['anonymous'])}</anonymous>")
        a("      <languages>" + "".join(f"<language>{l}</language>" for l in doc.code_languages) + "</languages>")
        a(f"      <openTo><ownWorkers>true</ownWorkers><agencyWorkers>{tf(g['agency'])}</agencyWorkers><supplierWorkers>{tf(g['suppliers'])}</supplierWorkers>"
          f"<recruitsAtOrigin>true</recruitsAtOrigin><communities>false</communities></openTo>")
        a(f"      <nonRetaliation>true</nonRetaliation>\n      <url>https://www.{doc.domain}/speak-up</url>\n    </mechanism>")
        st = doc.gstats
        a(f"    <statistics>\n      <casesReceived>{st['received']}</casesReceived>\n      <casesResolved>{st['resolved']}</casesResolved>\n      <casesOpen>{st['open']}</casesOpen>"
          f"\n      <casesCarriedOver>{st['carried']}</casesCarriedOver>\n      <casesByCategory>" + "".join(f"<{k}>{v}</{k}>" for k, v in st["cats"].items()) + "</casesByCategory>\n    </statistics>")
        for gc in doc.gcases:
            a(f'    <grievanceCase id="{gc["id"]}" siteRef="{gc["site"]}">\n      <category>{gc["cat"]}</category>\n      <channel>hotline</channel>\n      <receivedDate>{gc["got"]}</receivedDate>')
            if gc["done"]:
                a(f'      <status>resolved</status>\n      <resolvedDate>{gc["done"]}</resolvedDate>\n      <substantiated>{gc["subst"]}</substantiated>')
            else:
                a("      <status>open</status>")
            a("    </grievanceCase>")
        a("  </grievance>")
    if doc.remediation:
        a("  <remediation>")
        for r in doc.remediation:
            attrs = f' findingRef="{r["finding"]}"' + (f' siteRef="{r["site"]}"' if r["site"] else "")
            a(f'    <case id="{r["id"]}"{attrs}>\n      <issue>{r["issue"]}</issue>\n      <remedyType>{r["remedy"]}</remedyType>\n      <status>{r["status"]}</status>'
              f'\n      <workersAffected>{r["affected"]}</workersAffected>\n      <workersReached>{r["reached"]}</workersReached>'
              f'\n      <amountOwed currency="{r["currency"]}">{r["owed"]}</amountOwed>\n      <amountRepaid currency="{r["currency"]}">{r["repaid"]}</amountRepaid>'
              f'\n      <openedDate>{r["opened"]}</openedDate>\n      <dueDate>{r["due"]}</dueDate>')
            if r.get("closed"):
                a(f'      <closedDate>{r["closed"]}</closedDate>\n      <verifier>{r["verifier"]}</verifier>\n      <workerConfirmationMethod>worker-interviews</workerConfirmationMethod>')
            if r.get("annex"):
                a(f'      <evidence annexRef="{r["annex"]}"/>')
            a("    </case>")
        a("  </remediation>")
    if doc.annexes:
        a("  <annexes>")
        for x in doc.annexes:
            a(f'    <annex id="{x["id"]}"><title>{esc(x["title"])}</title><type>{x["type"]}</type><issuer>{esc(x["issuer"])}</issuer><date>{x["date"]}</date><uri>{x["uri"]}</uri></annex>')
        a("  </annexes>")
    a("  <attestation>")
    a(f"    <signatory>\n      <name>{doc.signatory}</name>\n      <role>{doc.signatory_role}</role>\n      <jobTitle>{'Managing Director' if doc.signatory_role != 'other' else 'Head of Compliance'}</jobTitle>\n    </signatory>")
    a(f"    <signedDate>{doc.signed}</signedDate>")
    if doc.board:
        a(f"    <boardApprovalDate>{doc.signed}</boardApprovalDate>\n    <approvingBody>Board of Directors of {esc(doc.name)}</approvingBody>")
    a("    <truthAndCompletenessConfirmed>true</truthAndCompletenessConfirmed>")
    a(f"    <statement>To the best of our knowledge this submission is true and complete and discloses every site, supplier, labour agency and recruiter known to {esc(doc.name)}.</statement>")
    a(f"    <publicationUrl>https://www.{doc.domain}/modern-slavery-statement</publicationUrl>")
    a("  </attestation>")
    a("</submission>")
    return "\n".join(o) + "\n"


def finish(doc, rng):
    """Identifiers, names and totals that depend on the final model."""
    home = doc.home
    doc.lei = lei(rng)
    doc.national_id = "".join(str(rng.randint(0, 9)) for _ in range(9))
    doc.street = f"{rng.randint(1, 180)} {rng.choice(HOME_STREETS[home.code])}"
    doc.postcode = f"{rng.randint(1000, 99999)}"
    own = [s for s in doc.sites if s["own"]]
    direct = sum(s["total"] - s.get("agency", 0) for s in own)
    doc.employees = direct + rng.randint(0, 40) + sum(sub["employees"] for sub in doc.subsidiaries)
    doc.turnover = doc.employees * rng.randint(150, 900) * 1000
    doc.contact = person(rng)
    doc.contact_title = rng.choice(OWN_TITLES)
    doc.contact_email = "responsible.sourcing@" + doc.domain
    doc.signatory = person(rng)
    doc.code_version = f"{rng.randint(1, 6)}.{rng.randint(0, 3)}"
    doc.code_adopted = D(rng.randint(2019, 2024), rng.randint(1, 12), rng.randint(1, 28))
    topics = ["forced-labour", "trafficking", "prison-labour", "child-labour", "recruitment-fees", "identity-documents", "freedom-of-movement", "wages", "deductions",
              "loans", "working-hours", "overtime-voluntary", "contracts", "grievance", "non-retaliation", "subcontracting"]
    if doc.purchasing:
        topics.append("purchasing-practices")
    topics.append("remediation")
    doc.topics = topics
    langs = {home.lang, "en"} | doc.languages
    doc.code_languages = sorted(langs)
    for sub in doc.subsidiaries:
        sub["nid"] = "".join(str(rng.randint(0, 9)) for _ in range(8))
    for sup in doc.suppliers:
        sup["nid"] = "".join(str(rng.randint(0, 9)) for _ in range(rng.choice([9, 10, 12])))
    for s in doc.sites:
        if s["own"]:
            s["street"] = f"{rng.randint(1, 240)} {rng.choice(HOME_STREETS.get(s['country'], HOME_STREETS['GB']))}"
        elif rng.random() < 0.8:
            s["street"] = f"{rng.choice(['Lot', 'No.', 'Plot', 'Unit'])} {rng.randint(1, 240)}, {rng.choice(['Industrial Park', 'Export Processing Zone', 'Main Road', 'Harbour Area', 'Free Trade Zone'])}"
        if s["own"] and home.gs1 and rng.random() < 0.5:
            s["gln"] = gln(rng, s["c"].gs1 or home.gs1)
        if not s["own"] and rng.random() < 0.5:
            s["osh"] = osh_id(rng, s["country"])
        if s["own"]:
            s["basis"] = "Own site under national labour law; agency and seasonal workers are the main risk point." if s["risk"] != "high" else "Own site employing seasonal migrant workers housed on site."
        else:
            s["basis"] = {"low": "Stable local workforce, collective agreement applies, recent audit without findings.",
                          "medium": "Peak-season overtime and internal migrant workers are the main risks in this sector and country.",
                          "high": "Migrant workers recruited abroad through agents; recruitment fees, debt and retention of documents are documented risks."}[s["risk"]]


# ---------------------------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------------------------

OUTCOMES = {"clean": 33, "major": 33, "knockout": 20, "thin": 14}
# Sites per submission: most firms report a handful, a tail of large groups hundreds, a few 2 000.
SITE_BANDS = [(45.0, 1, 4), (30.0, 5, 12), (17.0, 13, 40), (6.0, 41, 120), (1.5, 121, 300), (0.35, 301, 600), (0.15, 601, 2000)]


def sites_for(rng, max_sites):
    bands = [(w, lo, min(hi, max_sites)) for w, lo, hi in SITE_BANDS if lo <= max_sites]
    band = rng.choices(bands, weights=[b[0] for b in bands])[0]
    return int(round(math.exp(rng.uniform(math.log(band[1]), math.log(band[2] + 0.49)))))


def make_document(seed, kind, index, n_sites=None, outcome=None, target_bytes=None, max_sites=2000):
    """Returns (text, n_sites, outcome, faults, sector, country). Deterministic in its arguments."""
    rng = random.Random(f"{seed}:{kind}:{index}")
    if outcome is None:
        outcome = weighted(rng, OUTCOMES)
    if n_sites is None:
        n_sites = sites_for(rng, max_sites)
    label = f"seed {seed}, {kind} {index}"
    attempt = 0
    while True:
        r = random.Random(f"{seed}:{kind}:{index}:{attempt}")
        doc = build(r, n_sites, outcome, label)
        apply_outcome(doc, r)
        finish(doc, r)
        text = render(doc)
        size = len(text.encode("utf-8"))
        if target_bytes is None or attempt >= 6 or abs(size - target_bytes) <= target_bytes * 0.08:
            return text, n_sites, outcome, doc.faults, doc.sector.nace, doc.home.code
        base = 9000
        per_site = max(200, (size - base) / n_sites)
        n_sites = max(1, min(2400, int(round((target_bytes - base) / per_site))))
        attempt += 1


def write_one(job):
    out, name, seed, kind, index, n_sites, outcome, target, max_sites = job
    text, n, outcome, faults, nace, country = make_document(seed, kind, index, n_sites, outcome, target, max_sites)
    data = text.encode("utf-8")
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
    return f"{name}\t{len(data)}\t{n}\t{nace}\t{country}\t{outcome}\t{'; '.join(faults)}"


def check(out, files, sample):
    """Validate a sample (every file if sample is 0) with one xmllint process; returns the invalid ones."""
    files = sorted(files)
    if sample and len(files) > sample:
        step = len(files) / sample
        chosen = [files[int(i * step)] for i in range(sample)]
        largest = sorted(files, key=lambda f: -os.path.getsize(os.path.join(out, f)))[:5]
        files = sorted(set(chosen) | set(largest))
    result = subprocess.run(["xmllint", "--noout", "--schema", XSD, *files], cwd=out, capture_output=True, text=True)
    valid = sum(1 for line in result.stderr.splitlines() if line.endswith(" validates"))
    invalid = [line for line in result.stderr.splitlines() if line.endswith(" fails to validate")]
    errors = [line for line in result.stderr.splitlines() if not line.endswith(" validates") and not line.endswith(" fails to validate")]
    return len(files), valid, invalid, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=None, help="number of mixed submissions (default 1000; 0 with --sizes)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--start", type=int, default=0, help="write only the mixed submissions from this index on (the others are the same as in a smaller run)")
    parser.add_argument("--max-sites", type=int, default=2000, help="leave out the size bands above this many sites (default 2000: none)")
    parser.add_argument("--sizes", default="", help="comma-separated target sizes in KB, e.g. 10,100,1000,5000")
    parser.add_argument("--per-size", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--check", action="store_true", help="validate a sample with xmllint --schema; exit 1 if any is invalid")
    parser.add_argument("--check-sample", type=int, default=300, help="files to validate with --check (0: all)")
    args = parser.parse_args()
    count = args.count if args.count is not None else (0 if args.sizes else 1000)
    os.makedirs(args.out, exist_ok=True)
    jobs = []
    width = max(6, len(str(count)))
    for i in range(args.start, count):
        jobs.append((args.out, f"sub-{i + 1:0{width}d}.xml", args.seed, "mix", i, None, None, None, args.max_sites))
    story = ["clean", "major", "knockout", "thin", "clean", "major"]
    for kb in [int(x) for x in args.sizes.split(",") if x.strip()]:
        for k in range(args.per_size):
            jobs.append((args.out, f"size-{kb:05d}kb-{k + 1:02d}.xml", args.seed, f"size{kb}", k, max(1, round((kb * 1024 - 9000) / 3500)), story[k % len(story)], kb * 1024, 2400))
    if args.jobs > 1 and len(jobs) > 8:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            lines = list(pool.map(write_one, jobs, chunksize=16))
    else:
        lines = [write_one(j) for j in jobs]
    with open(os.path.join(args.out, "manifest.tsv"), "w") as f:
        f.write("file\tbytes\tsites\tnace\tcountry\tintended\tfacts varied\n")
        f.write("\n".join(lines) + "\n")
    total = sum(int(line.split("\t")[1]) for line in lines)
    print(f"wrote {len(lines)} submissions ({total / 1e6:.1f} MB) and manifest.tsv to {args.out}")
    if args.check:
        names = [line.split("\t")[0] for line in lines]
        checked, valid, invalid, errors = check(args.out, names, args.check_sample)
        print(f"xmllint --schema on {checked} of {len(names)} files: {valid} valid, {len(invalid)} invalid")
        for line in errors[:20]:
            print("  " + line)
        if invalid or valid != checked:
            sys.exit(1)


if __name__ == "__main__":
    main()
