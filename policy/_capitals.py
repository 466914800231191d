"""The world's capitals, by country, in Swedish, English and the local spelling (P8).

Data only; ``rules.is_capital`` matches a counterpart on the *whole* normalised
name together with its country, never on a part of the name, so "HELCOM
(Helsinki Commission)" or "Copenhagen Business School" is no capital.

One line a country: ``country names | capital names``, each side a comma-separated
list of the names it goes by. Stockholm is left out (P8 speaks of *other*
capitals). Left out deliberately, because naming a capital there is itself a
stance between states, which the city does not take (P1): Taipei (Taiwan, which
Sweden does not recognise as a state), Jerusalem and Tel Aviv (Israel), and
Ramallah and East Jerusalem (Palestine). A counterpart there gets no P8 support;
the user may still describe the city in the title and benefit.
"""

from __future__ import annotations

__all__ = ["CAPITALS"]

_TABLE = """
Norge, Norway, Noreg | Oslo
Danmark, Denmark | Köpenhamn, Copenhagen, København
Finland, Suomi | Helsingfors, Helsinki
Island, Iceland, Ísland | Reykjavík, Reykjavik
Estland, Estonia, Eesti | Tallinn
Lettland, Latvia, Latvija | Riga, Rīga
Litauen, Lithuania, Lietuva | Vilnius
Tyskland, Germany, Deutschland | Berlin
Polen, Poland, Polska | Warszawa, Warsaw
Storbritannien, Förenade kungariket, United Kingdom, UK, Great Britain, England | London
Irland, Ireland, Éire | Dublin
Frankrike, France | Paris
Nederländerna, Holland, Netherlands, Nederland | Amsterdam
Belgien, Belgium, België, Belgique | Bryssel, Brussels, Bruxelles, Brussel
Luxemburg, Luxembourg | Luxemburg, Luxembourg
Schweiz, Switzerland, Suisse, Schweiz | Bern, Berne
Österrike, Austria, Österreich | Wien, Vienna
Italien, Italy, Italia | Rom, Rome, Roma
Spanien, Spain, España | Madrid
Portugal | Lissabon, Lisbon, Lisboa
Grekland, Greece, Hellas | Aten, Athens, Athína
Cypern, Cyprus | Nicosia, Lefkosia
Malta | Valletta
Tjeckien, Czechia, Czech Republic, Česko | Prag, Prague, Praha
Slovakien, Slovakia, Slovensko | Bratislava
Ungern, Hungary, Magyarország | Budapest
Slovenien, Slovenia, Slovenija | Ljubljana
Kroatien, Croatia, Hrvatska | Zagreb
Bosnien och Hercegovina, Bosnien-Hercegovina, Bosnia and Herzegovina | Sarajevo
Serbien, Serbia, Srbija | Belgrad, Belgrade, Beograd
Montenegro, Crna Gora | Podgorica
Kosovo | Pristina, Prishtina, Priština
Albanien, Albania, Shqipëria | Tirana, Tiranë
Nordmakedonien, North Macedonia | Skopje
Bulgarien, Bulgaria | Sofia
Rumänien, Romania, România | Bukarest, Bucharest, București
Moldavien, Moldova | Chișinău, Chisinau, Kishinev
Ukraina, Ukraine | Kiev, Kyiv, Kyjiv
Belarus, Vitryssland | Minsk
Ryssland, Russia | Moskva, Moscow
Georgien, Georgia | Tbilisi
Armenien, Armenia | Jerevan, Yerevan
Azerbajdzjan, Azerbaijan | Baku
Turkiet, Turkey, Türkiye | Ankara
Andorra | Andorra la Vella
Monaco | Monaco
San Marino | San Marino
Liechtenstein | Vaduz
Vatikanstaten, Vatican City, Holy See | Vatikanstaten, Vatican City
Kanada, Canada | Ottawa
USA, United States, United States of America, Förenta staterna | Washington, Washington DC
Mexiko, Mexico, México | Mexico City, Mexico, Ciudad de México, Mexiko City
Guatemala | Guatemala City, Guatemala
Honduras | Tegucigalpa
El Salvador | San Salvador
Nicaragua | Managua
Costa Rica | San José, San Jose
Panama, Panamá | Panama City, Panama
Kuba, Cuba | Havanna, Havana, La Habana
Jamaica | Kingston
Haiti | Port-au-Prince
Dominikanska republiken, Dominican Republic | Santo Domingo
Colombia | Bogotá, Bogota
Venezuela | Caracas
Ecuador | Quito
Peru, Perú | Lima
Bolivia | Sucre, La Paz
Chile | Santiago, Santiago de Chile
Argentina | Buenos Aires
Uruguay | Montevideo
Paraguay | Asunción, Asuncion
Brasilien, Brazil, Brasil | Brasília, Brasilia
Guyana | Georgetown
Surinam, Suriname | Paramaribo
Trinidad och Tobago, Trinidad and Tobago | Port of Spain
Barbados | Bridgetown
Bahamas | Nassau
Marocko, Morocco | Rabat
Algeriet, Algeria | Alger, Algiers
Tunisien, Tunisia | Tunis
Libyen, Libya | Tripoli
Egypten, Egypt | Kairo, Cairo
Sudan | Khartoum
Sydsudan, South Sudan | Juba
Etiopien, Ethiopia | Addis Abeba, Addis Ababa
Eritrea | Asmara
Djibouti | Djibouti
Somalia | Mogadishu
Kenya | Nairobi
Uganda | Kampala
Tanzania | Dodoma
Rwanda | Kigali
Burundi | Gitega
Demokratiska republiken Kongo, Kongo-Kinshasa, Democratic Republic of the Congo | Kinshasa
Kongo-Brazzaville, Republiken Kongo, Republic of the Congo | Brazzaville
Gabon | Libreville
Kamerun, Cameroon | Yaoundé, Yaounde
Nigeria | Abuja
Ghana | Accra
Elfenbenskusten, Côte d'Ivoire, Ivory Coast | Yamoussoukro
Senegal | Dakar
Mali | Bamako
Burkina Faso | Ouagadougou
Niger | Niamey
Tchad, Chad | N'Djamena, Ndjamena
Benin | Porto-Novo
Togo | Lomé, Lome
Liberia | Monrovia
Sierra Leone | Freetown
Guinea | Conakry
Guinea-Bissau | Bissau
Gambia | Banjul
Mauretanien, Mauritania | Nouakchott
Kap Verde, Cabo Verde, Cape Verde | Praia
Angola | Luanda
Zambia | Lusaka
Zimbabwe | Harare
Malawi | Lilongwe
Moçambique, Mozambique | Maputo
Namibia | Windhoek
Botswana | Gaborone
Sydafrika, South Africa | Pretoria, Kapstaden, Cape Town, Bloemfontein
Lesotho | Maseru
Eswatini, Swaziland | Mbabane
Madagaskar, Madagascar | Antananarivo
Mauritius | Port Louis
Libanon, Lebanon | Beirut
Syrien, Syria | Damaskus, Damascus
Jordanien, Jordan | Amman
Irak, Iraq | Bagdad, Baghdad
Iran | Teheran, Tehran
Saudiarabien, Saudi Arabia | Riyadh, Riyad
Kuwait | Kuwait City, Kuwait
Bahrain | Manama
Qatar | Doha
Förenade Arabemiraten, United Arab Emirates, UAE | Abu Dhabi
Oman | Muskat, Muscat
Jemen, Yemen | Sanaa, Sana'a
Afghanistan | Kabul
Pakistan | Islamabad
Indien, India | New Delhi, Delhi
Bangladesh | Dhaka
Nepal | Katmandu, Kathmandu
Bhutan | Thimphu
Sri Lanka | Colombo, Sri Jayawardenepura Kotte
Maldiverna, Maldives | Malé, Male
Kazakstan, Kazakhstan | Astana
Uzbekistan | Tasjkent, Tashkent
Turkmenistan | Asjchabad, Ashgabat
Kirgizistan, Kyrgyzstan | Bisjkek, Bishkek
Tadzjikistan, Tajikistan | Dusjanbe, Dushanbe
Mongoliet, Mongolia | Ulaanbaatar, Ulan Bator
Kina, China | Peking, Beijing
Nordkorea, North Korea | Pyongyang
Sydkorea, South Korea, Korea | Seoul
Japan | Tokyo, Tokio
Vietnam | Hanoi
Laos | Vientiane
Kambodja, Cambodia | Phnom Penh
Thailand | Bangkok
Myanmar, Burma | Naypyidaw, Nay Pyi Taw
Malaysia | Kuala Lumpur
Singapore | Singapore
Indonesien, Indonesia | Jakarta
Filippinerna, Philippines | Manila
Östtimor, Timor-Leste, East Timor | Dili
Brunei | Bandar Seri Begawan
Australien, Australia | Canberra
Nya Zeeland, New Zealand | Wellington
Papua Nya Guinea, Papua New Guinea | Port Moresby
Fiji | Suva
"""


def _split(side: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in side.split(",") if n.strip())


# (country names, capital names), one pair a country.
CAPITALS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = tuple(
    (_split(countries), _split(capitals))
    for line in _TABLE.strip().splitlines()
    for countries, capitals in [line.split("|")]
    if _split(capitals)
)
