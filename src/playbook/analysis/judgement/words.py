"""The vocabulary the judgement patterns share: kinds of people, technology, places, amounts."""

from __future__ import annotations

ADVERBS = (
    r"(?:(?:really|probably|likely|definitely|happily|gladly|also|all|surely|certainly|potentially|eventually|then|one day|"
    r"soon|quickly|instantly|immediately|finally|theoretically|in principle|,|also)\s*)*"
)
PEOPLE = (
    r"(?:users?|customers?|buyers?|clients?|adopters?|subscribers?|audiences?|markets?|personas?|segments?|end[- ]users?|"
    r"members|shoppers|consumers|companies|firms|businesses|organi[sz]ations|enterprises|teams|leads|prospects|accounts|"
    r"purchasers|tenants|patients|practices|agencies|brands|merchants|sellers|partners|licensees|signups|sign-ups)"
)
TECH = (
    r"(?:ai|a\.i\.|artificial intelligence|gen[- ]?ai|generative ai|llms?|large language models?|gpt|chatgpt|copilots?|"
    r"co-pilots?|chat ?bots?|bots?|ai assistants?|virtual assistants?|assistants?|automation|automating|automate|tools?|tooling|"
    r"software|solutions?|platforms?|products?|vendors?|apps?|applications|machine learning|ml|agents?|ai agents?|models?|"
    r"adopting|adopt|using|use|buying|buy|deploying|deploy|implementing|implement|digiti[sz]ation|digital transformation|"
    r"technology|tech|saas|systems?|offerings?|something|anything|automated [\w-]+|automatic [\w-]+|ai[- ]powered|"
    r"ai[- ]driven|ai[- ]based|ai[- ]assisted|smart [\w-]+|intelligent [\w-]+)"
)
# Whole populations, said with no one in particular: everyone who works, buys, or runs a business.
POPULATIONS = (
    r"(?:office workers?|knowledge workers?|workers|employees|staff|professionals|businesses|business owners|"
    r"companies|organi[sz]ations|enterprises|firms|teams|people|persons|humans|users?|consumers|customers|"
    r"individuals|smbs|smes|small businesses|startups|start-ups|brands|creators|entrepreneurs|"
    r"managers|leaders|executives|retailers|merchants|sellers|shops|stores|restaurants|"
    r"hospitals|clinics|practices|schools|universities|agencies|nonprofits|charities|governments|councils|"
    r"industries|sectors|departments|families|households|students|parents|patients|citizens|americans|europeans|"
    r"pharmacies|farms|hotels|insurers|banks|carriers|brokers|law firms)"
)
# People by the work they do: a specific group with a job, not a hypothetical sufferer, though
# "millions of nurses" still counts a market.
OCCUPATIONS = (
    r"(?:freelancers|developers|marketers|dentists|landlords|accountants|lawyers|doctors|nurses|teachers|drivers|"
    r"contractors|builders|recruiters|agents)"
)
GENERIC_ROLES = rf"(?:{POPULATIONS}|{OCCUPATIONS})"
# Kinds of organisation: a bare plural of one ("Funeral homes") is a market, where a bare plural of
# an occupation ("Freelance bookkeepers") is people with a job.
ORGANISATIONS = (
    r"(?:firms|companies|businesses|practices|agencies|clinics|hospitals|homes|shops|stores|restaurants|cafes|"
    r"bars|pubs|hotels|schools|colleges|universities|pharmacies|banks|insurers|retailers|merchants|brands|"
    r"startups|start-ups|smbs|smes|chains|franchises|dealerships|manufacturers|suppliers|distributors|"
    r"wholesalers|providers|vendors|carriers|charities|nonprofits|councils|utilities|labs|laboratories|studios|"
    r"salons|gyms|venues|publishers|newsrooms|outlets|farms|factories|plants|warehouses|operators|"
    r"organi[sz]ations|enterprises|corporations|institutions|trusts|associations|breweries|wineries|bakeries|"
    r"garages|workshops|marketplaces|sites|websites|platforms|teams|departments|municipalities|authorities)"
)
INDUSTRIES = (
    r"(?:healthcare|health care|retail|finance|banking|insurance|education|logistics|manufacturing|hospitality|"
    r"construction|government|the public sector|public sector|legal|pharma|media|e-commerce|ecommerce|real estate|"
    r"energy|agriculture|tech|telecoms?|automotive|travel|the nonprofit sector|nonprofits|smb|smbs|sme|smes|"
    r"enterprise|enterprises|fintech|insurtech|proptech|edtech|healthtech|legaltech|b2b|b2c|saas)"
)
REGIONS = (
    r"(?:eu|the eu|europe|european union|us|the us|usa|the usa|u\.s\.|america|north america|latin america|latam|uk|the uk|"
    r"britain|great britain|germany|france|spain|italy|india|china|japan|asia|apac|emea|africa|australia|canada|brazil|"
    r"mexico|the world|world|the country|the nation|dach|the dach region|nordics|the nordics|benelux|the region|the globe|"
    r"the us and europe|the market|europe and north america|england|wales|england and wales|scotland|ireland|"
    r"the netherlands|netherlands|belgium|austria|switzerland|poland|sweden|norway|denmark|finland|portugal|korea|"
    r"new zealand|the middle east|middle east|the gulf|southeast asia|western europe|eastern europe|the americas)"
)
BIG_COUNT = (
    r"(?:\d{1,3}(?:[,.]\d{3})+|\d{4,}|\d+(?:\.\d+)?\s?(?:k|m|mn|bn|b|million|billion|thousand)|thousands|millions|billions|"
    r"hundreds of thousands|tens of thousands|hundreds of millions)"
)
MONEY = (
    r"(?:[$€£¥]\s?\d[\d.,]*|\b\d[\d.,]*\s?(?:usd|eur|gbp|dollars|euros|pounds))\s?(?:k|m|mn|bn|b|million|billion|trillion|"
    r"thousand)?"
)
# Countries and regions as written with capitals, for telling a market from an organisation.
PLACES = (
    r"(?:Europe|European|EU|E\.U\.|US|USA|U\.S\.|America|American|North America|Latin America|LatAm|UK|U\.K\.|Britain|"
    r"Great Britain|England|Wales|Scotland|Ireland|Northern Ireland|Germany|France|Spain|Italy|Portugal|Netherlands|"
    r"Belgium|Austria|Switzerland|Poland|Sweden|Norway|Denmark|Finland|India|China|Japan|Korea|Asia|APAC|EMEA|Africa|"
    r"Australia|New Zealand|Canada|Brazil|Mexico|DACH|Nordics|Benelux|Middle East|Gulf|GCC|the West|Western Europe|"
    r"Eastern Europe|Southeast Asia|the world|the Americas)"
)
