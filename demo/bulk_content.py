"""Realistic, repeatable stand-in content for `manage.py load_bulk`.

Every item is made from its own random generator, seeded with the run's seed, its
kind and its number, so item 4821 is the same whichever items exist already and
however many are asked for: a second run with larger numbers only adds the missing
ones. Nothing here touches the database.
"""

import datetime
import io
import random
import uuid

from django.utils.text import slugify
from PIL import Image, ImageDraw

FORCES = [
    "Avon and Somerset", "Bedfordshire", "Cambridgeshire", "Cheshire", "Cleveland", "Cumbria", "Derbyshire",
    "Devon and Cornwall", "Dorset", "Durham", "Dyfed-Powys", "Essex", "Gloucestershire", "Gwent", "Hampshire",
    "Hertfordshire", "Humberside", "Kent", "Lancashire", "Leicestershire", "Lincolnshire", "Merseyside", "Norfolk",
    "North Wales", "North Yorkshire", "Northamptonshire", "Northumbria", "Nottinghamshire", "South Wales",
    "South Yorkshire", "Staffordshire", "Suffolk", "Surrey", "Sussex", "Thames Valley", "Warwickshire",
    "West Mercia", "West Midlands", "West Yorkshire", "Wiltshire",
]  # fmt: skip
MAYORALTIES = [
    ("Deputy Mayor for Policing and Crime", "Mayor's Office for Policing and Crime"),
    ("Deputy Mayor, Greater Manchester Combined Authority", "Greater Manchester Combined Authority"),
    ("Deputy Mayor for Policing, West Yorkshire Combined Authority", "West Yorkshire Combined Authority"),
]
STAFF_ROLES = [
    "Senior Policy Manager", "Policy Manager", "Policy Officer", "Head of Policy", "Senior Policy Officer",
    "Communications Manager", "Research and Policy Officer",
]  # fmt: skip
FIRST_NAMES = [
    "Alison", "Andrew", "Angela", "Ben", "Caroline", "Chris", "Claire", "Daniel", "David", "Donna", "Emma", "Fiona",
    "Gareth", "Hannah", "Helen", "Ian", "James", "Jane", "Jo", "John", "Julia", "Karen", "Kate", "Laura", "Lisa",
    "Mark", "Matthew", "Michelle", "Nadia", "Naveed", "Nicola", "Paul", "Peter", "Priya", "Rachel", "Richard",
    "Rob", "Sarah", "Simon", "Sophie", "Steve", "Susan", "Tom", "Yasmin", "Zoe",
]  # fmt: skip
LAST_NAMES = [
    "Ahmed", "Allen", "Bailey", "Baker", "Bennett", "Brown", "Campbell", "Carter", "Clarke", "Davies", "Edwards",
    "Evans", "Fisher", "Green", "Griffiths", "Hall", "Harris", "Hughes", "Jackson", "James", "Johnson", "Jones",
    "Khan", "Lewis", "Martin", "Mitchell", "Morgan", "Morris", "Owen", "Patel", "Phillips", "Price", "Roberts",
    "Robinson", "Shah", "Smith", "Taylor", "Thomas", "Thompson", "Turner", "Walker", "Ward", "Watson", "White",
    "Williams", "Wilson", "Wood", "Wright", "Young",
]  # fmt: skip

POLICY_AREAS = [
    "Victims, Criminal Justice and Reducing Reoffending",
    "Local Policing, Communities and Neighbourhoods",
    "Finance, Workforce and Police Reform",
    "Equality, Diversity and Human Rights",
    "Health, Mental Health and Custody",
    "Digital, Data and Technology",
    "Violence Against Women and Girls",
    "Road Safety, Rural and Wildlife Crime",
]
PORTFOLIOS = [
    "Victims", "Criminal Justice", "Reducing Reoffending", "Youth Justice", "Local Policing", "Anti-Social Behaviour",
    "Rural Crime", "Wildlife Crime", "Road Safety", "Finance", "Police Workforce", "Police Reform", "Estates",
    "Equality, Diversity and Human Rights", "Race Disparity", "Mental Health", "Custody", "Drugs and Alcohol",
    "Addictions", "Serious Violence", "Knife Crime", "Violence Against Women and Girls", "Domestic Abuse",
    "Child Sexual Abuse and Exploitation", "Modern Slavery", "Digital and Technology", "Data and Information",
    "Body-Worn Video", "Police Air Service", "Firearms Licensing", "Counter Terrorism", "Emergency Services",
    "Fire and Rescue", "Business Crime", "Retail Crime", "Hate Crime", "Water Safety", "Integrity and Standards",
    "Complaints and Misconduct", "Police Wellbeing", "Volunteering", "Cadets", "Community Safety", "Prevention",
    "Partnerships", "Transport Policing", "Public Order", "Missing People", "Neighbourhood Watch",
    "Criminal Justice Boards",
]  # fmt: skip
TOPICS = [
    "the Spending Review", "the Police Funding Settlement", "rural crime figures", "knife crime", "shop theft",
    "county lines", "the Violence Against Women and Girls strategy", "the Victims and Prisoners Act", "drug deaths",
    "the National Police Chiefs' Council review", "mobile phone theft", "fraud against older people",
    "anti-social behaviour powers", "the Crime and Policing Bill", "the Serious Violence Duty", "the prison estate",
    "court backlogs", "police recruitment", "officer wellbeing", "neighbourhood policing", "road deaths",
    "e-scooters", "hate crime statistics", "modern slavery referrals", "stop and search data", "police pensions",
    "the Home Office reform programme", "fire and rescue governance", "mental health crisis care",
    "domestic abuse protection orders", "the Online Safety Act", "cyber crime", "the Strategic Policing Requirement",
    "police estates", "body-worn video", "the Child Sexual Abuse inquiry", "youth diversion", "drink driving",
    "wildlife crime", "water safety",
]  # fmt: skip
NEWS_TITLES = [
    "APCC responds to {topic}", "PCCs welcome new funding for {topic}", "Statement on {topic}",
    "{lead} comments on {topic}", "PCCs call for action on {topic}", "APCC Lead sets out priorities on {topic}",
    "New guidance for PCCs on {topic}", "APCC welcomes Government announcement on {topic}",
    "Why {topic} matters to communities", "PCCs back national campaign on {topic}",
    "Joint statement on {topic}", "APCC publishes survey findings on {topic}",
]  # fmt: skip
PUBLICATION_TITLES = [
    "Guidance for PCCs on {topic}", "A briefing on {topic}", "Response to the consultation on {topic}",
    "Annual report: {topic}", "Explainer: {topic}", "Survey of PCCs on {topic}", "Toolkit: {topic}",
    "Commissioning guide: {topic}", "Position statement on {topic}", "Evidence review: {topic}",
]  # fmt: skip
VIDEO_TITLES = [
    "{lead} on {topic}", "In conversation: {topic}", "Conference session: {topic}", "Webinar: {topic}",
    "Why {topic} matters",
]  # fmt: skip
SENTENCES = [
    "Police and Crime Commissioners hold their Chief Constables to account for the service the public receives.",
    "The association works with the Home Office, the National Police Chiefs' Council and partners across the "
    "criminal justice system.",
    "Victims must be at the heart of everything the criminal justice system does.",
    "Local partnerships between policing, health, education and councils make the biggest difference.",
    "PCCs have commissioned services in every force area to support those affected.",
    "The figures published today show progress, but there is more to do.",
    "Funding must be long term if services are to plan and recruit with confidence.",
    "Communities tell us that visible neighbourhood policing matters to them.",
    "We will continue to press the Government for a fair settlement for policing.",
    "Prevention and early intervention reduce harm and cost less than dealing with crime after the event.",
    "Data sharing between agencies is essential if we are to protect the most vulnerable.",
    "The association will publish further guidance for PCCs and their offices in the coming months.",
    "Rural communities face particular challenges, from equipment theft to wildlife crime.",
    "Technology offers new ways to investigate crime, and new risks that must be managed.",
    "Every force area is different, and local accountability lets PCCs respond to local priorities.",
    "Officers and staff deserve support for their wellbeing after dealing with traumatic incidents.",
    "The voice of victims and survivors has shaped the recommendations in this report.",
    "We welcome the commitment, and we will hold the Government to it.",
]
QUOTES = [
    "This is a welcome step, but it must be matched by the funding that forces and partners need to deliver it.",
    "Our communities expect us to act, and PCCs are ready to work with the Government to make a real difference.",
    "Every victim deserves to be heard, supported and kept informed, whatever the crime and wherever they live.",
    "Tackling this harm needs policing, health, education and councils to pull in the same direction.",
    "We have listened to what people told us, and these priorities reflect their concerns.",
    "Prevention is always better than cure: we must stop harm before it happens.",
]
CHANGE_NOTES = [
    "Corrected the table on page 4", "Updated the contact details", "Added the 2024 figures",
    "Replaced the PowerPoint with an accessible version", "Fixed broken links",
]  # fmt: skip
# Who a title names: a role, not a person, so that an item's title (and so its slug, by which a
# later run finds it) does not depend on how many people there are.
TITLE_LEADS = ["APCC Chair", "APCC Lead", "PCC lead", "Deputy Mayor", "APCC Deputy Lead", "Joint APCC Leads"]
NEWS_TYPES = [("news", 40), ("statement", 30), ("comment", 20), ("blog", 10)]
PUBLICATION_TYPES = [("guidance", 30), ("briefing", 25), ("report", 20), ("response", 15), ("explainer", 10)]

TEN_YEARS = 3652


def item_random(seed, kind, number):
    """The random generator of one item: the same for the same seed, kind and number."""
    return random.Random(f"{seed}:{kind}:{number}")


def stable_uuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def weighted(rng, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]


def paragraph(rng, sentences=(2, 4)):
    return " ".join(rng.sample(SENTENCES, rng.randint(*sentences)))


def numbered(items, number):
    """The `number`th of `items`, with a numeral once the list has been used up: titles stay unique."""
    title = items[number % len(items)]
    return title if number < len(items) else f"{title} {number // len(items) + 1}"


def slug_for(title, number=None, max_length=70):
    slug = slugify(title)[:max_length].strip("-")
    return f"{slug}-{number}" if number is not None else slug


def published_at(rng, until):
    """A publication time on one of the TEN_YEARS days up to `until`, in office hours (UTC)."""
    day = until - datetime.timedelta(days=rng.randrange(TEN_YEARS))
    return datetime.datetime.combine(
        day, datetime.time(rng.randint(7, 17), rng.randrange(60), rng.randrange(60)), tzinfo=datetime.UTC
    )


# People ------------------------------------------------------------------------------


def person(seed, number):
    """A PCC, a deputy mayor or a member of the association's staff."""
    rng = item_random(seed, "person", number)
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    name = f"{first} {last}"
    kind = weighted(rng, [("pcc", 60), ("mayoralty", 10), ("staff", 30)])
    data = {"name": name, "slug": slug_for(name, number + 1), "kind": kind, "email": "", "phone": ""}
    if kind == "pcc":
        force = rng.choice(FORCES)
        data.update(role=f"PCC, {force}", organisation=force)
        data["biography"] = (
            f"<p>{first} was elected Police and Crime Commissioner for {force} in {rng.choice([2016, 2021, 2024])}. "
            f"{paragraph(rng, (1, 2))}</p>"
        )
    elif kind == "mayoralty":
        role, organisation = rng.choice(MAYORALTIES)
        data.update(role=role, organisation=organisation, biography="")
    else:
        data.update(role=rng.choice(STAFF_ROLES), organisation="Association of Police and Crime Commissioners")
        data["email"] = f"{slugify(first)}.{slugify(last)}{number + 1}@apcc.example.org"
        data["phone"] = f"01632 960{rng.randrange(1000):03d}"  # Ofcom's numbers for drama: never a real line
        data["biography"] = ""
    data["has_photo"] = number % 10 == 3  # a few people have a photo; the rest show their initials
    return data


def photo_jpeg(seed, number, size=240):
    """A small, real JPEG: a coloured head-and-shoulders silhouette."""
    rng = item_random(seed, "photo", number)
    background = tuple(rng.randrange(60, 200) for _ in range(3))
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    tone = tuple(rng.randrange(90, 230) for _ in range(3))
    draw.ellipse((size * 0.3, size * 0.15, size * 0.7, size * 0.55), fill=tone)
    draw.ellipse((size * 0.12, size * 0.6, size * 0.88, size * 1.3), fill=tuple(c // 2 for c in tone))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


# Hubs ----------------------------------------------------------------------------------


def policy_area(seed, number):
    rng = item_random(seed, "policy-area", number)
    title = numbered(POLICY_AREAS, number)
    return {
        "title": title,
        "slug": slug_for(title),
        "introduction": f"<p>{paragraph(rng, (2, 3))}</p>",
        "portfolios_introduction": "Our portfolio leads and the association's staff contacts for this area:",
        "body": [
            {
                "type": "priorities",
                "value": {
                    "introduction": "Our priorities are:",
                    "priorities": [paragraph(rng, (1, 1)) for _ in range(rng.randint(2, 5))],
                },
                "id": stable_uuid(rng),
            },
            {"type": "paragraph", "value": f"<p>{paragraph(rng)}</p>", "id": stable_uuid(rng)},
        ],
    }


def portfolio(seed, number, until):
    """A portfolio, with 1–3 leads in mixed roles, sometimes a former lead, and one staff contact."""
    rng = item_random(seed, "portfolio", number)
    title = numbered(PORTFOLIOS, number)
    lead_count = rng.choice([1, 2, 2, 3])
    roles = ["lead"] if lead_count == 1 else rng.choice([["joint_lead"] * 2, ["lead", "deputy_lead"]])
    roles = (roles + ["deputy_lead"] * 3)[:lead_count]
    leads = [{"role": role, "started_on": until - datetime.timedelta(days=rng.randrange(60, 900))} for role in roles]
    if rng.random() < 0.35:
        ended = until - datetime.timedelta(days=rng.randrange(120, 1200))
        leads.append(
            {
                "role": rng.choice(["lead", "joint_lead"]),
                "started_on": ended - datetime.timedelta(days=rng.randrange(365, 1500)),
                "ended_on": ended,
            }
        )
    return {
        "title": title,
        "slug": slug_for(title),
        "summary": f"Leading the association's work on {title.lower()} with PCCs and national partners.",
        "body": [{"type": "paragraph", "value": f"<p>{paragraph(rng)}</p>", "id": stable_uuid(rng)}],
        "leads": leads,
        "lead_picks": [rng.random() for _ in leads],
        "contact_pick": rng.random(),
    }


# Filed content -------------------------------------------------------------------------


def pick(items, fraction):
    return items[min(int(fraction * len(items)), len(items) - 1)]


def distinct_picks(items, fractions):
    """One of `items` for each fraction in [0, 1), never the same one twice (so at most len(items))."""
    chosen, remaining = [], list(items)
    for fraction in fractions:
        if not remaining:
            break
        chosen.append(remaining.pop(min(int(fraction * len(remaining)), len(remaining) - 1)))
    return chosen


def picks(rng, items, low, high):
    return rng.sample(items, min(len(items), rng.randint(low, high)))


def news_article(seed, number, until, portfolios, speakers):
    """An article or statement: 2–6 paragraphs, sometimes a heading, and for most statements and comments
    one or two quotes attributed to a person with the role they held."""
    rng = item_random(seed, "news", number)
    topic = rng.choice(TOPICS)
    title = rng.choice(NEWS_TITLES).format(topic=topic, lead=rng.choice(TITLE_LEADS))
    title = title[0].upper() + title[1:]
    news_type = weighted(rng, NEWS_TYPES)
    first_published_at = published_at(rng, until)
    body = [
        {"type": "paragraph", "value": f"<p>{paragraph(rng)}</p>", "id": stable_uuid(rng)}
        for _ in range(rng.randint(2, 6))
    ]
    quoted = []
    if speakers and (news_type in ("statement", "comment") and rng.random() < 0.8 or rng.random() < 0.15):
        for _ in range(rng.choice([1, 1, 2])):
            person = rng.choice(speakers)
            quoted.append(person)
            quote = {"quote": f"<p>{rng.choice(QUOTES)}</p>", "person": person.pk, "role": person.role}
            body.insert(rng.randint(1, len(body)), {"type": "quote", "value": quote, "id": stable_uuid(rng)})
    if news_type == "blog":
        body.insert(1, {"type": "heading", "value": f"What this means for {topic}", "id": stable_uuid(rng)})
    display_date = None
    if rng.random() < 0.2:  # an embargoed statement shows the day it was made
        display_date = (first_published_at - datetime.timedelta(days=rng.randint(0, 3))).date()
    return {
        "title": title,
        "slug": slug_for(title, number + 1),
        "news_type": news_type,
        "summary": f"{paragraph(rng, (1, 1))}"[:300],
        "date": display_date,
        "body": body,
        "first_published_at": first_published_at,
        "portfolios": picks(rng, portfolios, 1, 2),
        "quoted_people": list(dict.fromkeys(quoted)),
    }


def video(seed, number, until, portfolios, speakers):
    rng = item_random(seed, "video", number)
    topic = rng.choice(TOPICS)
    title = rng.choice(VIDEO_TITLES).format(topic=topic, lead=rng.choice(TITLE_LEADS))
    title = title[0].upper() + title[1:]
    speaker = rng.choice(speakers) if speakers else None
    first_published_at = published_at(rng, until)
    video_id = "".join(
        rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") for _ in range(11)
    )
    transcript = ""
    if rng.random() < 0.4:
        transcript = "".join(f"<p>{paragraph(rng, (2, 5))}</p>" for _ in range(rng.randint(3, 8)))
    return {
        "title": title,
        "slug": slug_for(title, number + 1),
        "date": first_published_at.date(),
        "speaker": speaker,
        "speaker_role": speaker.role if speaker else "",
        "description": f"<p>{paragraph(rng, (2, 3))}</p>",
        "video_url": f"https://www.youtube.com/watch?v={video_id}",
        "transcript": transcript,
        "first_published_at": first_published_at,
        "portfolios": picks(rng, portfolios, 1, 2),
    }


def publication(seed, number, until, portfolios):
    """A publication with one or two files: a PDF of 20–200 KB, and sometimes slides or an annex."""
    rng = item_random(seed, "publication", number)
    topic = rng.choice(TOPICS)
    title = rng.choice(PUBLICATION_TITLES).format(topic=topic)
    title = title[0].upper() + title[1:]
    slug = slug_for(title, number + 1)
    first_published_at = published_at(rng, until)
    last_updated_on = change_note = None
    if rng.random() < 0.2:
        last_updated_on = first_published_at.date() + datetime.timedelta(days=rng.randint(7, 400))
        last_updated_on = min(last_updated_on, until)
        change_note = rng.choice(CHANGE_NOTES)
    summary = paragraph(rng, (1, 2))
    files = [(f"{slug}.pdf", rng.randint(20_000, 200_000), summary)]
    if rng.random() < 0.5:
        if rng.random() < 0.35:
            files.append((f"{slug}-slides.pptx", rng.randint(30_000, 200_000), "Slides for presenting the findings."))
        else:
            files.append((f"{slug}-annex.pdf", rng.randint(20_000, 120_000), "Annex: the data behind the findings."))
    body = ""
    if rng.random() < 0.5:
        body = "<h2>About this publication</h2>" + "".join(f"<p>{paragraph(rng)}</p>" for _ in range(rng.randint(1, 3)))
    return {
        "title": title,
        "slug": slug,
        "publication_type": weighted(rng, PUBLICATION_TYPES),
        "summary": summary,
        "body": body,
        "published_on": first_published_at.date(),
        "last_updated_on": last_updated_on,
        "change_note": change_note or "",
        "first_published_at": first_published_at,
        "files": files,
        "paragraphs": [paragraph(rng) for _ in range(rng.randint(2, 6))],
        "portfolios": picks(rng, portfolios, 1, 2),
    }
