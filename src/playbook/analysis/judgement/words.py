"""The vocabulary the judgement patterns share: kinds of people, technology, places, amounts; and
the two ways its pieces are joined, as markdown-it-py's ``common/html_re.py`` composes its
expressions from named parts: ``one_of`` a list of phrases, and ``either`` of named pieces."""

from __future__ import annotations


def either(*alternatives: str) -> str:
    """Return a group that matches any one of ``alternatives`` (regular expressions), tried in order."""
    return "(?:" + "|".join(alternatives) + ")"


def phrases(text: str) -> tuple[str, ...]:
    """Return the comma-separated phrases of ``text`` (regular expressions with no comma of their
    own), in the order written; line breaks and spaces around a comma are layout."""
    return tuple(phrase.strip() for phrase in text.split(","))


def one_of(text: str) -> str:
    """Return a group that matches any one of the phrases of ``text`` (see ``phrases``)."""
    return either(*phrases(text))


ADVERBS = (
    "(?:"
    + either(
        *phrases(
            """really, probably, likely, definitely, happily, gladly, also, all, surely, certainly,
            potentially, eventually, then, one day, soon, quickly, instantly, immediately, finally,
            theoretically, in principle"""
        ),
        ",",
        "also",
    )
    + r"\s*)*"
)
PEOPLE = one_of(
    """users?, customers?, buyers?, clients?, adopters?, subscribers?, audiences?, markets?, personas?,
    segments?, end[- ]users?, members, shoppers, consumers, companies, firms, businesses,
    organi[sz]ations, enterprises, teams, leads, prospects, accounts, purchasers, tenants, patients,
    practices, agencies, brands, merchants, sellers, partners, licensees, signups, sign-ups"""
)
TECH = one_of(
    r"""ai, a\.i\., artificial intelligence, gen[- ]?ai, generative ai, llms?, large language models?,
    gpt, chatgpt, copilots?, co-pilots?, chat ?bots?, bots?, ai assistants?, virtual assistants?,
    assistants?, automation, automating, automate, tools?, tooling, software, solutions?, platforms?,
    products?, vendors?, apps?, applications, machine learning, ml, agents?, ai agents?, models?,
    adopting, adopt, using, use, buying, buy, deploying, deploy, implementing, implement,
    digiti[sz]ation, digital transformation, technology, tech, saas, systems?, offerings?, something,
    anything, automated [\w-]+, automatic [\w-]+, ai[- ]powered, ai[- ]driven, ai[- ]based,
    ai[- ]assisted, smart [\w-]+, intelligent [\w-]+"""
)
# Whole populations, said with no one in particular: everyone who works, buys, or runs a business.
POPULATIONS = one_of(
    """office workers?, knowledge workers?, workers, employees, staff, professionals, businesses,
    business owners, companies, organi[sz]ations, enterprises, firms, teams, people, persons, humans,
    users?, consumers, customers, individuals, smbs, smes, small businesses, startups, start-ups,
    brands, creators, entrepreneurs, managers, leaders, executives, retailers, merchants, sellers,
    shops, stores, restaurants, hospitals, clinics, practices, schools, universities, agencies,
    nonprofits, charities, governments, councils, industries, sectors, departments, families,
    households, students, parents, patients, citizens, americans, europeans, pharmacies, farms,
    hotels, insurers, banks, carriers, brokers, law firms"""
)
# People by the work they do: a specific group with a job, not a hypothetical sufferer, though
# "millions of nurses" still counts a market.
OCCUPATIONS = one_of(
    """freelancers, developers, marketers, dentists, landlords, accountants, lawyers, doctors, nurses,
    teachers, drivers, contractors, builders, recruiters, agents"""
)
GENERIC_ROLES = either(POPULATIONS, OCCUPATIONS)
# Kinds of organisation: a bare plural of one ("Funeral homes") is a market, where a bare plural of
# an occupation ("Freelance bookkeepers") is people with a job.
ORGANISATIONS = one_of(
    """firms, companies, businesses, practices, agencies, clinics, hospitals, homes, shops, stores,
    restaurants, cafes, bars, pubs, hotels, schools, colleges, universities, pharmacies, banks,
    insurers, retailers, merchants, brands, startups, start-ups, smbs, smes, chains, franchises,
    dealerships, manufacturers, suppliers, distributors, wholesalers, providers, vendors, carriers,
    charities, nonprofits, councils, utilities, labs, laboratories, studios, salons, gyms, venues,
    publishers, newsrooms, outlets, farms, factories, plants, warehouses, operators,
    organi[sz]ations, enterprises, corporations, institutions, trusts, associations, breweries,
    wineries, bakeries, garages, workshops, marketplaces, sites, websites, platforms, teams,
    departments, municipalities, authorities, telcos, airlines, lenders, hauliers, broadcasters"""
)
INDUSTRIES = one_of(
    """healthcare, health care, retail, finance, banking, insurance, education, logistics,
    manufacturing, hospitality, construction, government, the public sector, public sector, legal,
    pharma, media, e-commerce, ecommerce, real estate, energy, agriculture, tech, telecoms?,
    automotive, travel, the nonprofit sector, nonprofits, smb, smbs, sme, smes, enterprise,
    enterprises, fintech, insurtech, proptech, edtech, healthtech, legaltech, b2b, b2c, saas"""
)
REGIONS = one_of(
    r"""eu, the eu, europe, european union, us, the us, usa, the usa, u\.s\., america, north america,
    latin america, latam, uk, the uk, britain, great britain, germany, france, spain, italy, india,
    china, japan, asia, apac, emea, africa, australia, canada, brazil, mexico, the world, world,
    the country, the nation, dach, the dach region, nordics, the nordics, benelux, the region,
    the globe, the us and europe, the market, europe and north america, england, wales,
    england and wales, scotland, ireland, the netherlands, netherlands, belgium, austria,
    switzerland, poland, sweden, norway, denmark, finland, portugal, korea, new zealand,
    the middle east, middle east, the gulf, southeast asia, western europe, eastern europe,
    the americas"""
)
SCALE = "(?:k|m|mn|bn|b|million|billion|thousand)"  # "40k", "3 million"
BIG_COUNT = either(
    r"\d{1,3}(?:[,.]\d{3})+",  # 23,000
    r"\d{4,}",
    r"\d+(?:\.\d+)?\s?" + SCALE,
    *phrases("thousands, millions, billions, hundreds of thousands, tens of thousands, hundreds of millions"),
)
MONEY = (
    either(r"[$€£¥]\s?\d[\d.,]*", r"\b\d[\d.,]*\s?(?:usd|eur|gbp|dollars|euros|pounds)")
    + r"\s?(?:k|m|mn|bn|b|million|billion|trillion|thousand)?"
)
# Countries and regions as written with capitals, for telling a market from an organisation.
PLACES = one_of(
    r"""Europe, European, EU, E\.U\., US, USA, U\.S\., America, American, North America, Latin America,
    LatAm, UK, U\.K\., Britain, Great Britain, England, Wales, Scotland, Ireland, Northern Ireland,
    Germany, France, Spain, Italy, Portugal, Netherlands, Belgium, Austria, Switzerland, Poland,
    Sweden, Norway, Denmark, Finland, India, China, Japan, Korea, Asia, APAC, EMEA, Africa, Australia,
    New Zealand, Canada, Brazil, Mexico, DACH, Nordics, Benelux, Middle East, Gulf, GCC, the West,
    Western Europe, Eastern Europe, Southeast Asia, the world, the Americas"""
)
