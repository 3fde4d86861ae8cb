"""The geoparser on news-style sentences of our own: the place mention, its country and where it is.

Each case is a sentence, the mention as written, the expected country (ISO alpha-3, None for seas
and places no single state holds) and the approximate coordinates of the place the sentence
means; a resolution within 161 km (100 miles) of them counts as right. ``bench/geoparse.py``
reports the share of these cases resolved within that distance.
"""

from __future__ import annotations

import csv
import io
import json
import math

import pytest
from click.testing import CliRunner

from polybius.cli import main
from polybius.documents.article import read_article
from polybius.geo.parser import PlaceMention
from polybius.records import PLACE_MENTION_COLUMNS

TOLERANCE_KM = 161.0
DATE = "2024-01-10"
FIELDS = list(PLACE_MENTION_COLUMNS)  # the place's fields are those of an event's location

# sentence, mention as written, country, lat, lon of the intended place
CASES: list = [
    # --- ambiguous names resolved by context ---
    ("Protesters gathered in Tbilisi as Georgia's ruling party pushed the bill through.", "Georgia", "GEO", 42.2, 43.6),
    (
        "Voters queued for hours in Atlanta as Georgia's election officials defended the rules.",
        "Georgia",
        "USA",
        32.7,
        -83.4,
    ),
    ("Riot police fired tear gas at protesters in Paris on Saturday.", "Paris", "FRA", 48.86, 2.35),
    ("A storm knocked out power in Paris, Texas, late on Friday.", "Paris", "USA", 33.66, -95.56),
    ("Lebanese army units deployed in Tripoli after overnight clashes.", "Tripoli", "LBN", 34.43, 35.84),
    ("Rival militias clashed in Tripoli overnight, the Libyan health ministry said.", "Tripoli", "LBY", 32.89, 13.19),
    ("Gunfire echoed across Tripoli as armed groups fought for the airport.", "Tripoli", "LBY", 32.89, 13.19),
    (
        "Students clashed with police in Santiago during protests over Chilean pension reform.",
        "Santiago",
        "CHL",
        -33.45,
        -70.67,
    ),
    ("Lawmakers returned to Washington after the summer recess.", "Washington", "USA", 38.91, -77.04),
    ("Diplomats gathered in Geneva for a new round of talks on Syria.", "Geneva", "CHE", 46.20, 6.14),
    (
        "Fishermen in Alexandria protested against fuel price rises, Egyptian media reported.",
        "Alexandria",
        "EGY",
        31.20,
        29.92,
    ),
    ("A federal judge in Alexandria, Virginia, sentenced the former contractor.", "Alexandria", "USA", 38.80, -77.05),
    ("The great mosque of Córdoba, Spain, drew record crowds this summer.", "Córdoba", "ESP", 37.88, -4.78),
    (
        "The great mosque in Córdoba drew record crowds, Spain's tourism ministry said.",
        "Córdoba",
        "ESP",
        37.88,
        -4.78,
    ),
    ("Students in Córdoba joined a strike against Argentine university budget cuts.", "Córdoba", "ARG", -31.42, -64.18),
    ("Costa Rican police arrested dozens in San Jose after a prison riot.", "San Jose", "CRI", 9.93, -84.08),
    ("Tech workers in San Jose, California, rallied against the layoffs.", "San Jose", "USA", 37.34, -121.89),
    ("Flash floods in Valencia left dozens dead, Spanish officials said.", "Valencia", "ESP", 39.47, -0.38),
    ("Striking nurses marched in Valencia, Venezuela, demanding higher wages.", "Valencia", "VEN", 10.16, -68.00),
    (
        "Striking nurses marched in Valencia, demanding higher wages from the Venezuelan government.",
        "Valencia",
        "VEN",
        10.16,
        -68.00,
    ),
    ("A tornado damaged dozens of homes in London, Ontario, on Sunday.", "London", "CAN", 42.98, -81.25),
    ("The rail strike disrupted services in London and across southern England.", "London", "GBR", 51.51, -0.13),
    (
        "Civil rights veterans marched in Birmingham, Alabama, to mark the anniversary.",
        "Birmingham",
        "USA",
        33.52,
        -86.80,
    ),
    (
        "Council workers in Birmingham went on strike over equal pay, British unions said.",
        "Birmingham",
        "GBR",
        52.49,
        -1.89,
    ),
    ("Greek riot police clashed with students in Athens.", "Athens", "GRC", 37.98, 23.73),
    ("Hurricane winds battered Kingston, the Jamaican capital, overnight.", "Kingston", "JAM", 17.97, -76.79),
    (
        "Protesters occupied the grounds of parliament in Wellington for three weeks.",
        "Wellington",
        "NZL",
        -41.29,
        174.78,
    ),
    ("Supporters of the former president gathered in La Paz.", "La Paz", "BOL", -16.50, -68.15),
    # --- name variants ---
    ("US-backed forces declared victory in Raqqa after a four-month battle.", "Raqqa", "SYR", 35.95, 39.01),
    ("Families returned to Ar Raqqah after the battle.", "Ar Raqqah", "SYR", 35.95, 39.01),
    pytest.param(
        "Much of Ar Raqqah was left in ruins by the fighting.",
        "Ar Raqqah",
        "SYR",
        35.95,
        39.01,
        marks=pytest.mark.xfail(reason="the small model calls it a PERSON and 'much of' is no place cue", strict=True),
    ),
    ("Foreign ministers gathered in Nur-Sultan for another round of Syria talks.", "Nur-Sultan", "KAZ", 51.17, 71.45),
    ("The president addressed a joint session of parliament in Astana on Monday.", "Astana", "KAZ", 51.17, 71.45),
    ("Officials in Kiev denied the report.", "Kiev", "UKR", 50.45, 30.52),
    ("Air raid sirens sounded across Kyiv on Thursday morning.", "Kyiv", "UKR", 50.45, 30.52),
    ("Explosions were heard in Odessa overnight.", "Odessa", "UKR", 46.48, 30.72),
    ("The 2008 attacks in Bombay killed 166 people.", "Bombay", "IND", 19.08, 72.88),
    ("Monsoon rains flooded large parts of Mumbai.", "Mumbai", "IND", 19.08, 72.88),
    ("Government forces besieged Deir ez-Zor for three years.", "Deir ez-Zor", "SYR", 35.34, 40.14),
    ("Generals paraded through Naypyidaw on Armed Forces Day.", "Naypyidaw", "MMR", 19.76, 96.08),
    ("Rioters stormed government buildings in Brasilia.", "Brasilia", "BRA", -15.79, -47.88),
    ("ELN negotiators met government envoys in Bogota.", "Bogota", "COL", 4.71, -74.07),
    # --- regions, seas and provinces ---
    ("A naval drone hit a Russian patrol vessel in the Black Sea.", "Black Sea", None, 43.4, 34.3),
    ("Syrian government forces shelled eastern Ghouta on Tuesday.", "eastern Ghouta", "SYR", 33.55, 36.45),
    ("Heavy fighting continued in the Donbas as both armies dug in.", "Donbas", "UKR", 48.2, 38.4),
    ("Jihadist violence is spreading across the Sahel, the UN warned.", "Sahel", None, 15.0, 2.0),
    ("Aid trucks queued at the border as fighting raged in the Gaza Strip.", "Gaza Strip", "PSE", 31.42, 34.36),
    ("Settler attacks in the West Bank have risen sharply, the UN said.", "West Bank", "PSE", 31.95, 35.25),
    ("Turkish-backed fighters advanced in Idlib province.", "Idlib province", "SYR", 35.8, 36.6),
    ("Houthi forces fired missiles at merchant ships in the Red Sea.", "Red Sea", None, 20.0, 38.5),
    ("Iranian forces seized an oil tanker in the Strait of Hormuz.", "Strait of Hormuz", None, 26.57, 56.25),
    (
        "A cargo ship was attacked in the Gulf of Aden, the British maritime agency said.",
        "Gulf of Aden",
        None,
        12.5,
        47.5,
    ),
    (
        "Chinese coast guard ships patrolled the disputed waters of the South China Sea.",
        "South China Sea",
        None,
        12.0,
        113.0,
    ),
    ("Chinese warships held live-fire drills in the Taiwan Strait.", "Taiwan Strait", None, 24.5, 119.5),
    ("North Korea fired a ballistic missile into the Sea of Japan.", "Sea of Japan", None, 40.0, 135.0),
    ("NATO jets intercepted Russian aircraft over the Baltic Sea.", "Baltic Sea", None, 58.5, 19.5),
    ("Hundreds of migrants drowned in the Mediterranean this year.", "Mediterranean", None, 35.0, 18.0),
    ("Russia annexed Crimea in 2014.", "Crimea", "UKR", 45.3, 34.4),
    ("Famine is spreading across Darfur, aid agencies warned.", "Darfur", "SDN", 13.5, 24.0),
    ("Aid convoys reached Tigray for the first time in months.", "Tigray", "ETH", 14.0, 38.9),
    ("Clashes spread across North Kivu, displacing thousands.", "North Kivu", "COD", -0.8, 29.0),
    ("Insurgents attacked the town of Palma in Cabo Delgado.", "Cabo Delgado", "MOZ", -12.3, 39.5),
    ("The army launched a new offensive in Rakhine State.", "Rakhine State", "MMR", 20.0, 93.5),
    ("Rights groups documented detention camps across Xinjiang.", "Xinjiang", "CHN", 41.5, 85.5),
    ("Separatist militants attacked a passenger train in Balochistan.", "Balochistan", "PAK", 28.5, 65.5),
    ("India and Pakistan exchanged fire along the ceasefire line in Kashmir.", "Kashmir", None, 34.5, 75.5),
    ("Armenian refugees streamed out of Nagorno-Karabakh.", "Nagorno-Karabakh", "AZE", 39.85, 46.75),
    ("Russian troops remain stationed in Transnistria, Moldovan officials said.", "Transnistria", "MDA", 47.2, 29.5),
    (
        "Syrian officials accused Israel of expanding its presence in the Golan Heights.",
        "Golan Heights",
        "SYR",
        33.0,
        35.75,
    ),
    ("Egyptian troops have fought militants across the Sinai for a decade.", "Sinai", "EGY", 29.5, 33.8),
    (
        "Philippine vessels were blasted with water cannon near the Spratly Islands.",
        "Spratly Islands",
        None,
        10.0,
        114.0,
    ),
    ("Israeli troops raided the Jenin refugee camp overnight.", "Jenin refugee camp", "PSE", 32.46, 35.29),
    ("Aid trucks waited at the Rafah crossing for a second day.", "Rafah crossing", "PSE", 31.25, 34.26),
    ("Turkish artillery shelled villages in Iraqi Kurdistan.", "Iraqi Kurdistan", "IRQ", 36.4, 44.3),
    ("Hundreds of families fled southern Lebanon after the strikes.", "Lebanon", "LBN", 33.4, 35.4),
    # --- Eastern Europe and the Caucasus ---
    ("Russian drones struck an energy facility near Kharkiv overnight.", "Kharkiv", "UKR", 49.99, 36.23),
    ("The grain ship left the port of Odesa despite the threat of mines.", "Odesa", "UKR", 46.48, 30.72),
    ("Ukrainian troops withdrew from Bakhmut after months of fighting.", "Bakhmut", "UKR", 48.59, 38.00),
    ("Shelling in Kherson killed two civilians, local officials said.", "Kherson", "UKR", 46.64, 32.61),
    ("The president visited Zaporizhzhia to meet front-line commanders.", "Zaporizhzhia", "UKR", 47.84, 35.14),
    ("Drone debris fell on a residential block in Belgorod, Russian officials said.", "Belgorod", "RUS", 50.60, 36.59),
    ("Thousands marched through Moscow to mark the anniversary.", "Moscow", "RUS", 55.76, 37.62),
    ("Opposition activists were detained in Minsk after the vote.", "Minsk", "BLR", 53.90, 27.56),
    ("Pro-European demonstrators filled the main square in Chisinau.", "Chisinau", "MDA", 47.01, 28.86),
    (
        "Thousands of protesters blocked streets in Yerevan demanding the prime minister resign.",
        "Yerevan",
        "ARM",
        40.18,
        44.51,
    ),
    ("The president held talks in Baku with the European envoy.", "Baku", "AZE", 40.41, 49.87),
    ("Refugees crossed into Armenia with whatever they could carry.", "Armenia", "ARM", 40.2, 44.8),
    # --- Western and Central Europe ---
    ("NATO defence ministers met in Brussels to discuss air defence.", "Brussels", "BEL", 50.85, 4.35),
    ("Farmers blocked roads around Warsaw in protest against grain imports.", "Warsaw", "POL", 52.23, 21.01),
    ("The summit in Vilnius ended without a membership timeline for Ukraine.", "Vilnius", "LTU", 54.69, 25.28),
    ("Police in Berlin broke up an unauthorised rally.", "Berlin", "DEU", 52.52, 13.40),
    ("Dockworkers in Marseille walked off the job over pension reform.", "Marseille", "FRA", 43.30, 5.37),
    ("Voters in Madrid went to the polls in a snap regional election.", "Madrid", "ESP", 40.42, -3.70),
    ("Catalan separatists rallied in Barcelona on the anniversary of the referendum.", "Barcelona", "ESP", 41.39, 2.17),
    ("Thousands of pilgrims gathered in Rome for the canonisation.", "Rome", "ITA", 41.90, 12.50),
    ("A curfew was declared in Diyarbakir after the clashes.", "Diyarbakir", "TUR", 37.91, 40.24),
    ("A car bomb exploded on the busiest shopping street in Istanbul.", "Istanbul", "TUR", 41.01, 28.98),
    ("Students blocked the main bridges in Belgrade for a third night.", "Belgrade", "SRB", 44.79, 20.45),
    ("Serbian troops were put on alert as tensions rose in Pristina.", "Pristina", "XKX", 42.66, 21.17),
    ("Bosnian leaders met in Sarajevo under European mediation.", "Sarajevo", "BIH", 43.86, 18.41),
    ("British troops arrived in Tallinn for a NATO exercise.", "Tallinn", "EST", 59.44, 24.75),
    ("Police in Belfast were attacked with petrol bombs.", "Belfast", "GBR", 54.60, -5.93),
    ("Flooding in Belgium killed dozens of people last summer.", "Belgium", "BEL", 50.6, 4.6),
    ("Beachgoers in Nice were evacuated after the alert.", "Nice", "FRA", 43.70, 7.27),
    # --- Middle East ---
    ("Russian jets struck rebel positions near Aleppo.", "Aleppo", "SYR", 36.20, 37.16),
    ("A bomb exploded at a checkpoint in Homs.", "Homs", "SYR", 34.73, 36.72),
    ("Israeli strikes hit a suburb of Damascus overnight.", "Damascus", "SYR", 33.51, 36.29),
    ("A massive explosion tore through the port of Beirut.", "Beirut", "LBN", 33.89, 35.50),
    ("Displaced families sheltered in schools in Sidon.", "Sidon", "LBN", 33.56, 35.37),
    ("Lebanon declared a day of national mourning after the explosion.", "Lebanon", "LBN", 33.9, 35.7),
    ("Police dispersed a protest near the Israeli embassy in Amman.", "Amman", "JOR", 31.95, 35.93),
    ("Protests over fuel prices spread across Jordan.", "Jordan", "JOR", 31.3, 36.4),
    ("Air strikes hit a residential building in Khan Younis.", "Khan Younis", "PSE", 31.34, 34.31),
    ("Thousands rallied in Tel Aviv demanding a hostage deal.", "Tel Aviv", "ISR", 32.08, 34.78),
    ("Rockets were fired into Israel from the north.", "Israel", "ISR", 31.5, 34.9),
    ("Protesters filled the central square in Cairo.", "Cairo", "EGY", 30.04, 31.24),
    ("Iraqi security forces defused a car bomb in Baghdad.", "Baghdad", "IRQ", 33.31, 44.37),
    ("Reconstruction work continued in the old city of Mosul.", "Mosul", "IRQ", 36.34, 43.13),
    ("Iranian drones targeted Kurdish groups near Erbil.", "Erbil", "IRQ", 36.19, 44.01),
    ("Oil workers staged a sit-in in Basra over unpaid wages.", "Basra", "IRQ", 30.51, 47.81),
    ("Women led the protests in Tehran after the death in custody.", "Tehran", "IRN", 35.69, 51.39),
    ("An explosion was reported near a military site in Isfahan.", "Isfahan", "IRN", 32.65, 51.67),
    ("The UN envoy met rebel leaders in Sanaa.", "Sanaa", "YEM", 15.37, 44.19),
    ("Fighting erupted near the port of Hodeidah.", "Hodeidah", "YEM", 14.80, 42.95),
    ("Separatists took control of government buildings in Aden.", "Aden", "YEM", 12.79, 45.02),
    ("Saudi officials hosted the ceasefire talks in Jeddah.", "Jeddah", "SAU", 21.49, 39.19),
    ("Qatari mediators shuttled between the delegations in Doha.", "Doha", "QAT", 25.29, 51.53),
    ("The sultan received the Iranian foreign minister in Muscat.", "Muscat", "OMN", 23.59, 58.41),
    # --- South and Central Asia ---
    ("Taliban authorities banned women from parks in Kabul.", "Kabul", "AFG", 34.53, 69.17),
    ("A suicide bomber struck a mosque in Kandahar.", "Kandahar", "AFG", 31.61, 65.71),
    ("An earthquake flattened villages near Herat.", "Herat", "AFG", 34.35, 62.20),
    ("Opposition supporters clashed with police in Islamabad.", "Islamabad", "PAK", 33.68, 73.05),
    ("Gunmen attacked a convoy of Chinese engineers in Karachi.", "Karachi", "PAK", 24.86, 67.01),
    ("A blast at a police compound in Peshawar killed dozens.", "Peshawar", "PAK", 34.01, 71.58),
    ("Farmers' unions marched towards New Delhi.", "New Delhi", "IND", 28.61, 77.21),
    ("Security forces imposed a curfew in Srinagar.", "Srinagar", "IND", 34.08, 74.80),
    ("Students led protests in Dhaka against job quotas.", "Dhaka", "BGD", 23.81, 90.41),
    ("Cyclone survivors waited for aid outside Yangon.", "Yangon", "MMR", 16.87, 96.20),
    ("Protesters marched through Kathmandu demanding a return of the monarchy.", "Kathmandu", "NPL", 27.72, 85.32),
    ("Police fired tear gas at protesters in Colombo.", "Colombo", "LKA", 6.93, 79.86),
    ("Riots broke out in Almaty over fuel prices.", "Almaty", "KAZ", 43.24, 76.89),
    ("Security was tightened in Tashkent ahead of the summit.", "Tashkent", "UZB", 41.30, 69.24),
    ("Opposition supporters stormed government buildings in Bishkek.", "Bishkek", "KGZ", 42.87, 74.59),
    ("Officials in Dushanbe said the border clashes had ended.", "Dushanbe", "TJK", 38.56, 68.77),
    # --- East and Southeast Asia, Pacific ---
    ("Pro-democracy lawmakers were arrested in Hong Kong.", "Hong Kong", "HKG", 22.32, 114.17),
    ("Tens of thousands rallied in Taipei against the bill.", "Taipei", "TWN", 25.03, 121.57),
    ("Authorities in Beijing announced new export controls.", "Beijing", "CHN", 39.90, 116.40),
    ("Factory workers protested over unpaid wages in Shanghai.", "Shanghai", "CHN", 31.23, 121.47),
    ("Government troops retook Marawi from the militants.", "Marawi", "PHL", 8.00, 124.29),
    ("Protesters gathered outside the presidential palace in Manila.", "Manila", "PHL", 14.60, 120.98),
    ("State media in Pyongyang hailed the launch.", "Pyongyang", "PRK", 39.04, 125.76),
    ("Tens of thousands protested in Seoul against the martial law decree.", "Seoul", "KOR", 37.57, 126.98),
    ("Officials in Tokyo lodged a formal protest.", "Tokyo", "JPN", 35.68, 139.69),
    ("Troops were deployed to Bangkok after the coup.", "Bangkok", "THA", 13.76, 100.50),
    ("Garment workers marched in Phnom Penh demanding a higher minimum wage.", "Phnom Penh", "KHM", 11.56, 104.93),
    ("Police in Jakarta fired tear gas at students protesting the labour law.", "Jakarta", "IDN", -6.21, 106.85),
    ("Riots broke out in Nouméa over the voting reform.", "Nouméa", "NCL", -22.28, 166.46),
    ("Looters ransacked shops in Honiara, the capital of Solomon Islands.", "Honiara", "SLB", -9.43, 159.95),
    ("Australian police arrested two men in Sydney over the stabbing.", "Sydney", "AUS", -33.87, 151.21),
    # --- Africa ---
    ("Police fired live rounds at protesters in Nairobi.", "Nairobi", "KEN", -1.29, 36.82),
    ("Dockworkers in Mombasa went on strike.", "Mombasa", "KEN", -4.04, 39.67),
    ("Militants stormed a hotel in Mogadishu.", "Mogadishu", "SOM", 2.05, 45.32),
    ("Federal forces entered Mekelle, the capital of the region.", "Mekelle", "ETH", 13.50, 39.47),
    ("The African Union summit opened in Addis Ababa.", "Addis Ababa", "ETH", 9.03, 38.74),
    ("Paramilitary forces besieged El Fasher for months.", "El Fasher", "SDN", 13.63, 25.35),
    ("Fighting between the army and the paramilitaries reached Khartoum.", "Khartoum", "SDN", 15.50, 32.56),
    ("The government relocated to Port Sudan.", "Port Sudan", "SDN", 19.62, 37.22),
    ("South Sudanese leaders signed the peace deal in Juba.", "Juba", "SSD", 4.85, 31.58),
    ("Rebels captured Goma after days of fighting.", "Goma", "COD", -1.68, 29.22),
    ("Congolese troops retreated towards Bukavu.", "Bukavu", "COD", -2.51, 28.86),
    ("Opposition supporters marched through Kinshasa.", "Kinshasa", "COD", -4.32, 15.31),
    ("Officials in Kigali denied backing the rebels.", "Kigali", "RWA", -1.95, 30.06),
    ("Security forces fired tear gas at protesters in Bujumbura.", "Bujumbura", "BDI", -3.38, 29.36),
    ("Thousands fled Burundi after the president announced a third term.", "Burundi", "BDI", -3.4, 29.9),
    ("Police arrested opposition leaders in Kampala.", "Kampala", "UGA", 0.35, 32.58),
    ("Militants attacked a displacement camp near Maiduguri.", "Maiduguri", "NGA", 11.85, 13.16),
    ("Young protesters blocked the main toll gate in Lagos.", "Lagos", "NGA", 6.52, 3.38),
    ("Lawmakers met in Abuja to debate the budget.", "Abuja", "NGA", 9.08, 7.40),
    ("Jihadists blockaded Timbuktu for months.", "Timbuktu", "MLI", 16.77, -3.01),
    ("The junta in Bamako expelled the French ambassador.", "Bamako", "MLI", 12.64, -8.00),
    ("Crowds cheered the coup leaders in Niamey.", "Niamey", "NER", 13.51, 2.13),
    ("Soldiers seized the state broadcaster in Ouagadougou.", "Ouagadougou", "BFA", 12.37, -1.52),
    ("Troops were deployed around N'Djamena.", "N'Djamena", "TCD", 12.13, 15.06),
    ("Opposition supporters clashed with police in Dakar.", "Dakar", "SEN", 14.72, -17.47),
    ("Rescue teams searched for survivors in Derna after the dams burst.", "Derna", "LBY", 32.77, 22.64),
    ("Eastern forces were headquartered in Benghazi.", "Benghazi", "LBY", 32.12, 20.07),
    ("Thousands demonstrated in Tunis against the president's power grab.", "Tunis", "TUN", 36.81, 10.18),
    ("Weekly protests filled the streets of Algiers.", "Algiers", "DZA", 36.75, 3.06),
    ("Opposition protests paralysed Maputo after the disputed vote.", "Maputo", "MOZ", -25.97, 32.57),
    ("Riot police patrolled the townships around Johannesburg.", "Johannesburg", "ZAF", -26.20, 28.05),
    ("Police arrested activists in Harare.", "Harare", "ZWE", -17.83, 31.05),
    ("Soldiers guarded the presidential palace in Antananarivo.", "Antananarivo", "MDG", -18.88, 47.51),
    # --- the Americas ---
    ("Opposition supporters marched in Caracas after the disputed election.", "Caracas", "VEN", 10.48, -66.90),
    ("Protesters blocked the highways around Cali.", "Cali", "COL", 3.45, -76.53),
    ("A state of emergency was declared in Guayaquil after prison riots.", "Guayaquil", "ECU", -2.17, -79.92),
    ("Police cleared protesters from the centre of Lima.", "Lima", "PER", -12.05, -77.04),
    ("Farmers blocked roads outside Buenos Aires.", "Buenos Aires", "ARG", -34.60, -58.38),
    ("Police raided several favelas in Rio de Janeiro.", "Rio de Janeiro", "BRA", -22.91, -43.17),
    ("Truckers blocked the highway to São Paulo.", "São Paulo", "BRA", -23.55, -46.63),
    ("Troops were deployed to Culiacán after the cartel clashes.", "Culiacán", "MEX", 24.80, -107.39),
    ("Migrants camped near the border crossing in Tijuana.", "Tijuana", "MEX", 32.51, -117.04),
    (
        "Thousands marched in Mexico City to mark the disappearance of the students.",
        "Mexico City",
        "MEX",
        19.43,
        -99.13,
    ),
    ("Gangs control most of Port-au-Prince, the UN said.", "Port-au-Prince", "HTI", 18.59, -72.31),
    ("Kenyan police officers arrived in Haiti to lead the mission.", "Haiti", "HTI", 18.9, -72.7),
    ("Cubans took to the streets of Havana in rare protests.", "Havana", "CUB", 23.11, -82.37),
    ("Opposition activists were detained in Managua.", "Managua", "NIC", 12.11, -86.24),
    ("Soldiers surrounded several neighbourhoods of San Salvador.", "San Salvador", "SLV", 13.69, -89.22),
    ("Police in Chicago arrested dozens of protesters.", "Chicago", "USA", 41.88, -87.63),
    ("Wildfires forced evacuations across Los Angeles.", "Los Angeles", "USA", 34.05, -118.24),
    ("Truckers blockaded downtown Ottawa for weeks.", "Ottawa", "CAN", 45.42, -75.70),
    ("Pro-independence activists rallied in Montreal.", "Montreal", "CAN", 45.50, -73.57),
]

# Sentences that name no place at all.
NEGATIVES = [
    "Syrian officials declined to comment on the report.",
    "Nice weather is expected over the weekend.",
    "Paris Hilton said she was thrilled with the response.",
    "Hamas fighters released two hostages on Friday.",
    "Jordan Peterson gave a lecture to a packed hall.",
    "Chad Smith played drums for the band for decades.",
    "The Kremlin said the talks had stalled.",
    "Iranian diplomats rejected the accusation.",
    "Israeli and Palestinian negotiators resumed talks on Tuesday.",
    "The Pentagon announced a new military aid package.",
    "Turkish and Greek officials met on Tuesday.",
    "Chelsea Manning was released from prison.",
]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def case_values(case) -> tuple:
    """The (sentence, text, country, lat, lon) of a case, whether plain or a pytest.param."""
    return tuple(case.values) if hasattr(case, "values") else case


def mentions_of(coder, sentence: str) -> list[PlaceMention]:
    return coder.places(read_article(sentence, default_date=DATE))


def miss(coder, sentence: str, text: str, country: str | None, lat: float, lon: float) -> str | None:
    """Why a case is not resolved within the tolerance, or None when it is."""
    mentions = mentions_of(coder, sentence)
    found = [m for m in mentions if m.text == text]
    if not found:
        return f"no mention {text!r} among {[m.text for m in mentions]}"
    place = found[0].place
    if place.country != country:
        return f"{text!r} resolved to {place.name} ({place.country}), expected {country}"
    if place.lat is None or place.lon is None:
        return f"{text!r} resolved to {place.name} without coordinates"
    distance = haversine_km(lat, lon, place.lat, place.lon)
    if distance > TOLERANCE_KM:
        return f"{text!r} resolved to {place.name} at {place.lat}, {place.lon}: {distance:.0f} km away"
    return None


def _case_id(case) -> str:
    sentence, text, country = case_values(case)[:3]
    return f"{text}-{country}-{abs(hash(sentence)) % 1000:03d}"


@pytest.mark.parametrize(("sentence", "text", "country", "lat", "lon"), CASES, ids=[_case_id(c) for c in CASES])
def test_place_is_resolved_within_161_km(
    coder, sentence: str, text: str, country: str | None, lat: float, lon: float
) -> None:
    problem = miss(coder, sentence, text, country, lat, lon)
    assert problem is None, problem


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_no_place_mention(coder, sentence: str) -> None:
    # Nationality adjectives are mentions of their country in a role of their own, not places.
    assert [m.text for m in mentions_of(coder, sentence) if m.role != "adjectival"] == []


def test_nationality_adjectives_are_their_countries(coder) -> None:
    found = mentions_of(coder, "Turkish and Greek officials met on Tuesday.")
    assert [(m.text, m.role, m.place.country) for m in found] == [
        ("Turkish", "adjectival", "TUR"), ("Greek", "adjectival", "GRC"),
    ]  # fmt: skip


def test_offsets_point_into_the_article(coder) -> None:
    text = "Lebanese army units deployed in Tripoli.\n\nLater, jets struck targets near Aleppo and in Idlib province."
    document = read_article(text, default_date=DATE)
    mentions = coder.places(document)
    assert [(m.text, m.role) for m in mentions] == [
        ("Lebanese", "adjectival"), ("Tripoli", "place"), ("Aleppo", "place"), ("Idlib province", "place"),
    ]  # fmt: skip
    for mention in mentions:
        assert document.text[mention.start : mention.end] == mention.text


def test_case_table_is_large_and_varied() -> None:
    values = [case_values(c) for c in CASES]
    assert len(values) >= 150
    assert len({v[0] for v in values}) == len(values), "duplicate sentence"
    assert len({v[2] for v in values}) >= 80, "too few countries"


# --- the command line ---

ARTICLE = "Lebanese army units deployed in Tripoli after clashes.\n\nA bomb exploded at a checkpoint in Homs."


def _run(*args: str, text: str = ARTICLE):
    result = CliRunner().invoke(main, ["places", *args], input=text)
    assert result.exit_code == 0, result.output
    return result


def _check_records(records: list[dict], text: str = ARTICLE) -> None:
    expected = [("Lebanese", "adjectival"), ("Tripoli", "place"), ("Homs", "place")]
    assert [(r["text"], r["role"]) for r in records] == expected
    for record in records:
        assert list(record) == FIELDS
        assert text[int(record["start"]) : int(record["end"])] == record["text"]
    assert [r["country"] for r in records] == ["LBN", "LBN", "SYR"]
    assert [r["feature_class"] for r in records] == ["A", "P", "P"]  # GeoNames: a country, two towns
    assert len({r["article_id"] for r in records}) == 1


def test_cli_places_jsonl_from_stdin() -> None:
    records = [json.loads(line) for line in _run("-", "--format", "jsonl").output.splitlines()]
    _check_records(records)
    tripoli = records[1]
    assert haversine_km(tripoli["lat"], tripoli["lon"], 34.43, 35.84) < TOLERANCE_KM
    assert isinstance(tripoli["geonameid"], int)
    assert 0 < tripoli["confidence"] <= 1


def test_cli_places_csv_from_stdin() -> None:
    records = list(csv.DictReader(io.StringIO(_run("-", "--format", "csv").output)))
    _check_records(records)
    homs = records[2]
    assert haversine_km(float(homs["lat"]), float(homs["lon"]), 34.73, 36.72) < TOLERANCE_KM


def test_cli_places_table_from_a_file(tmp_path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    output = _run(str(path), "--format", "table").output
    assert "Tripoli" in output and "Homs" in output
    assert "LBN" in output and "SYR" in output


def test_cli_places_negative_sentence_prints_no_record() -> None:
    text = "Syrian officials said Hamas fighters met Jordan Peterson."
    assert _run("-", "--format", "jsonl", "--no-adjectival", text=text).output.strip() == ""
    rows = [json.loads(line) for line in _run("-", "--format", "jsonl", text=text).output.splitlines()]
    assert [(r["text"], r["role"], r["country"]) for r in rows] == [("Syrian", "adjectival", "SYR")]
