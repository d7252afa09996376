"""The demo site's content, transcribed from the seed text in shared/seeds/.

Where the seed is silent, the demo states nothing it does not say: no term of office it does not
give, and where a field cannot be empty (the date of a news item or a publication) an illustrative
value, in the seed's order and in the past, that the site notice says is illustrative.
"""

import datetime

MB = 1024 * 1024

HOME = {
    "title": "Policy work",
    "slug": "home",
    "introduction": "<p>The policy work of the Association of Police and Crime Commissioners: our priorities, "
    "the portfolios that lead them, and our latest news, videos, resources and publications.</p>",
}

PEOPLE = [
    # slug, name, role line, area or organisation
    (
        "alison-hernandez",
        "Alison Hernandez",
        "PCC, Devon & Cornwall and the Isles of Scilly",
        "Devon & Cornwall and the Isles of Scilly",
    ),
    (
        "kate-green",
        "Kate Green",
        "Deputy Mayor, Greater Manchester Combined Authority",
        "Greater Manchester Combined Authority",
    ),
    ("alex-campbell", "Alex Campbell", "Senior Policy Manager", "Association of Police and Crime Commissioners"),
    ("mark-shelford", "Mark Shelford", "PCC, Avon and Somerset", "Avon and Somerset"),
    ("james-thomson", "James Thomson", "City of London", "City of London"),
    ("andy-dunbobbin", "Andy Dunbobbin", "PCC, North Wales", "North Wales"),
    ("darryl-preston", "Darryl Preston", "PCC, Cambridgeshire", "Cambridgeshire"),
    ("peter-mccall", "Peter McCall", "PCC, Cumbria", "Cumbria"),
    ("donna-jones", "Donna Jones", "", ""),
]

POLICY_AREA = {
    "title": "Developing Police Capabilities & Tackling Serious Organised Crime",
    "slug": "police-capabilities-and-serious-organised-crime",
    # Not in the source: a short name for the main navigation, so that it keeps to one row.
    "nav_label": "Police capabilities & organised crime",
    "introduction": (
        "<p>Never have we needed more to work with partners, both in and outside of policing, to join up services "
        "and to tackle the rise of serious and organised crime (SOC), which operates transnationally and "
        "internationally. The APCC works with PCCs to develop new delivery and capability models for policing that "
        "can improve our response to these new and evolving forms of criminality – including mobilising the "
        "Forensics Capability Network (FCN) and contributing to the development of a new funding and delivery "
        "model for the National Police Air Service (NPAS).</p>"
    ),
    "body": [
        {
            "type": "priorities",
            "value": {
                "introduction": "Our priorities for developing police capabilities and tackling SOC are:",
                "priorities": [
                    "To play a full and active role in tackling SOC, helping to join up systems and services "
                    "locally, regionally, and nationally and developing our ROCUs to ensure they are supported and "
                    "equipped to deliver effectively on behalf of the public.",
                    "To provide leadership and governance to support the development of specialist capability "
                    "networks to deliver more efficient and agile policing services to the public, including the "
                    "Transforming Forensics",
                ],
            },
        },
        # Not in the source, which runs on without one: a heading, so the block is a section of its own.
        {"type": "heading", "value": "Modern slavery"},
        {
            "type": "paragraph",
            "value": "<p>The APCC Modern Slavery work sits jointly between the SOC and Victims Portfolios and works "
            "to ensure that PCCs are engaged on both a local and national level to prevent the most vulnerable from "
            "exploitation and trafficking.</p>",
        },
        {
            "type": "priorities",
            "value": {
                "introduction": "Our priorities are:",
                "heading_level": "h3",  # under "Modern slavery"
                "priorities": [
                    "To bring PCCs and other key strategic stakeholders together to work to improve how we combat "
                    "human trafficking and modern slavery in all its forms.",
                    "Support PCCs to commission victim focused modern slavery services in their areas, drawing on "
                    "known best practice.",
                    "To give PCCs a voice on a national level to influence policy and legislation in this area - "
                    "being both an effective voice for Modern Slavery Victims and a key supporting in the work to "
                    "establish a consistent national strategy.",
                ],
            },
        },
    ],
    "portfolios_introduction": "The APCC’s work on specialist capabilities and serious organised crime is developed "
    "through four policy portfolios:",
}

# The seed's May 2022 video shows Donna Jones as Joint Lead for SOC, and no more: she is the speaker of
# that video, not a lead of the portfolio (whose joint leads the seed names as Alison Hernandez and
# Kate Green), and no term of hers is made up.

PORTFOLIOS = [
    {
        "title": "Serious Organised Crime",
        "slug": "serious-organised-crime",
        "summary": "Leading our work to tackle serious organised crime, including supporting the delivery of the "
        "SOC strategy and support for Regional Organised Crime Units (ROCU)",
        "leads": [
            ("alison-hernandez", "joint_lead", None),
            ("kate-green", "joint_lead", None),
        ],
        "contacts": ["alex-campbell"],
    },
    {
        "title": "Fraud & Cyber-Crime",
        "slug": "fraud-and-cyber-crime",
        "summary": "Leading our work to tackle online crime, harassment and fraud, hacking and economic crime and "
        "identity theft.",
        "leads": [
            ("mark-shelford", "lead", None),
            ("james-thomson", "deputy_lead", None),
            ("andy-dunbobbin", "deputy_lead", None),
        ],
        "contacts": ["alex-campbell"],
    },
    {
        "title": "Forensics",
        "slug": "forensics",
        "summary": "Leading our work on the Transforming Forensics programme including delivering a national "
        "Forensics Capability Network.",
        "leads": [("darryl-preston", "lead", None)],
        "contacts": ["alex-campbell"],
    },
    {
        "title": "International & Strategic Policing",
        "slug": "international-and-strategic-policing",
        "summary": "Leading our work on international and cross-border policing, working with the Independent Crime "
        "Co-ordination Centre.",
        "leads": [("peter-mccall", "lead", None)],
        "contacts": [],
    },
]

SOC_STATEMENT_BODY = [
    {
        "type": "paragraph",
        "value": "<p>The Government has launched a new Serious Organised Crime strategy to reflect "
        "the current threats and its priorities for reducing crime.</p>",
    },
    {
        "type": "paragraph",
        "value": "<p>Police and Crime Commissioners (PCCs) hold Chief Constables to account for "
        "their forces’ and Regional Organised Crime Units’ (ROCUs) performance in tackling Serious Organised Crime. "
        "This is recognised in the strategy: ‘PCCs play an important role, making sure that police forces are "
        "delivering an effective response in line with the threats described in the Strategic Policing "
        "Requirement.’</p>",
    },
    {
        "type": "paragraph",
        "value": "<p>The Government also commits to continue to work at the local level with the "
        "Association of Police and Crime Commissioners, which represents PCCs, the National Police Chiefs’ Council "
        "(NPCC) and the Local Government Association (LGA) to ensure that the local response to serious and organised "
        "crime is as coordinated and effective as possible.</p>",
    },
    {
        "type": "paragraph",
        "value": "<p>In response, the joint APCC leads for the Serious Organised Crime portfolio "
        "for the Association of Police and Crime Commissioners have said the following:</p>",
    },
    {
        "type": "quote",
        "person": "alison-hernandez",
        "role": "PCC for Devon and Cornwall",
        "value": (
            "<p>Never before has our nation had such clarity on how to stop, disrupt and seek justice on organised "
            "crime gangs and the suffering that they bring to individuals, families, local communities and countries. "
            "Building on the efforts so far to work cross border and internationally will make it harder for criminals "
            "to exploit us all.</p>"
            "<p>The tools and techniques they use will hopefully be banned through legislation, the police will "
            "continue to create orders to stop them further committing offences, a continued targeting of countries "
            "that transport people and goods illegally and a recognition that fraud and corruption will not be "
            "tolerated.</p>"
        ),
    },
    {
        "type": "quote",
        "person": "kate-green",
        "role": "Deputy Mayor for Greater Manchester",
        "value": (
            "<p>The Serious Organised Crime (SOC) strategy is vital in tackling a wide range of serious and organised "
            "crime, including anti-drug, human-trafficking, child sexual abuse, fraud, economic and cybercrime that "
            "combine to cost the UK an estimated £47 billion a year, and untold human suffering.</p>"
            "<p>A coordinated multi-agency response, which operates internationally, nationally and locally, will help "
            "bring to justice the organised criminal gangs responsible and our communities safer for everyone.</p>"
            "<p>The strategy includes targeted outcomes to measure and chart its effectiveness. But Police and crime "
            "Commissioners will be concerned that it does not contain any new funding.</p>"
        ),
    },
]

# Newest first, as the seed lists them. The seed gives no dates: each has an illustrative one, in the
# seed's order, after its newest video (November 2022) so the news index keeps the seed's lists, and for
# the County Lines comment after the week it names. The site notice says these dates are illustrative.
NEWS = [
    {
        "title": "Joint APCC leads have responded to a new Government Strategy to tackle Serious and Organised Crime",
        "slug": "joint-apcc-leads-respond-to-serious-and-organised-crime-strategy",
        "date": datetime.date(2023, 12, 11),
        "news_type": "statement",
        "summary": "The Government has launched a new Serious Organised Crime Strategy to reflect the current "
        "threats and its priorities for reducing crime.",
        "portfolios": ["serious-organised-crime"],
        "body": SOC_STATEMENT_BODY,
    },
    {
        "title": "APCC comment on County Lines Intensification Week 9th to 15th October",
        "slug": "county-lines-intensification-week",
        "date": datetime.date(2023, 10, 16),
        "news_type": "comment",
        "summary": "Commenting a week which saw multiple seizures of drugs, firearms, bladed weapons and cash as well "
        "as the referral of a number of vulnerable people, including children, to safeguarding services.",
        "portfolios": ["serious-organised-crime"],
    },
    {
        "title": "Fraud Strategy must recognise profound impact on victims",
        "slug": "fraud-strategy-must-recognise-impact-on-victims",
        "date": datetime.date(2023, 6, 5),
        "news_type": "statement",
        "summary": "National Fraud Lead responds to publication of Government's Fraud Strategy.",
        "portfolios": ["fraud-and-cyber-crime"],
    },
    {
        "title": "“Serious and organised crime harms us all”",
        "slug": "serious-and-organised-crime-harms-us-all",
        "date": datetime.date(2023, 4, 3),
        "news_type": "blog",
        "summary": "Newly appointed Joint APCC Lead for Serious and Organised Crime Kate Green discusses importance "
        "of multi-agency approach.",
        "portfolios": ["serious-organised-crime"],
    },
    {
        "title": "Changes to national forensic contracts",
        "slug": "changes-to-national-forensic-contracts",
        "date": datetime.date(2023, 2, 6),
        "news_type": "news",
        "summary": "Joint review sees changes to the way police manage forensic science contracts.",
        "portfolios": ["forensics"],
    },
    {
        "title": "Review into drug driving samples concluded",
        "slug": "review-into-drug-driving-samples-concluded",
        "date": datetime.date(2023, 1, 9),
        "news_type": "statement",
        "summary": "APCC Forensics Lead responds to review into drug driving samples.",
        "portfolios": ["forensics"],
    },
]

VIDEOS = [
    {
        "title": "Mark Shelford, APCC Lead for Economic & Cyber Crime and PCC for Avon & Somerset",
        "slug": "mark-shelford-fighting-fraud",
        "date": datetime.date(2022, 11, 14),
        "speaker": "mark-shelford",
        "speaker_role": "APCC Lead for Economic & Cyber Crime and PCC for Avon & Somerset",
        "description": "<p>Mark was part of an excellent panel discussion on 'Fighting Fraud' on Day Two of the "
        "Summit.</p>",
        "portfolios": ["fraud-and-cyber-crime"],
    },
    {
        "title": "Donna Jones, APCC Joint Lead for Serious Organised Crime",
        "slug": "donna-jones-serious-organised-crime-update",
        "date": datetime.date(2022, 5, 26),
        "speaker": "donna-jones",
        "speaker_role": "APCC Joint Lead for Serious Organised Crime",
        "description": "<p>An update on the APCC Serious Organised Crime portfolio from Donna Jones.</p>",
        "portfolios": ["serious-organised-crime"],
    },
    {
        "title": "James Thomson, APCC Deputy Lead for Economic & Cyber Crime (including fraud)",
        "slug": "james-thomson-economic-and-cyber-crime",
        "date": datetime.date(2021, 9, 16),
        "speaker": "james-thomson",
        "speaker_role": "APCC Deputy Lead for Economic & Cyber Crime (including fraud)",
        "description": "<p>James Thomson is the APCC Deputy Lead for Economic & Cyber Crime and Chair of the City "
        "of London Police Authority Board.</p>",
        "portfolios": ["fraud-and-cyber-crime"],
    },
]

SPR_DESCRIPTION = (
    "The APCC created this guidance as a resource to assist PCCs in understanding & adhering to the statutory "
    "requirements of the Strategic Policing Requirements."
)
FCN_DESCRIPTION = (
    "The Forensics Capability Network was launched in April 2020 to deliver a permanent network of forces and "
    "partners implementing and managing forensics services and solutions."
)

PUBLICATIONS = [
    {
        "title": "Strategic Policing Requirement guidance",
        "slug": "strategic-policing-requirement-guidance",
        "published_on": datetime.date(2023, 3, 1),  # illustrative: the seed gives no date
        "publication_type": "guidance",
        "summary": SPR_DESCRIPTION,
        "portfolios": ["serious-organised-crime", "international-and-strategic-policing"],
        # The stand-in is an accessible PDF: the demo shows a file that passes the accessibility checks.
        "files": [("apcc-spr-guidance.pdf", 0.86 * MB, SPR_DESCRIPTION, "accessible")],
    },
    {
        "title": "Forensics Capability Network explainer",
        "slug": "forensics-capability-network-explainer",
        "published_on": datetime.date(2021, 3, 1),  # illustrative, after the network's launch in April 2020
        "publication_type": "explainer",
        "summary": FCN_DESCRIPTION,
        "portfolios": ["forensics"],
        "files": [
            ("tf-fcn-explainer-for-apcc-final.pdf", 0.30 * MB, FCN_DESCRIPTION),
            ("tf-fcn-explainer-for-apcc-final.pptx", 1.48 * MB, FCN_DESCRIPTION),
        ],
    },
]

# Not in the source: an example that shows members-only guidance (page privacy for the Members group,
# its file in the "Members only" collection) and says so, so that a newcomer can see the feature.
MEMBERS_ONLY_EXAMPLE = {
    "title": "Example: guidance for members only",
    "slug": "example-guidance-for-members-only",
    "published_on": datetime.date(2023, 9, 4),  # illustrative
    "publication_type": "guidance",
    "summary": "A demonstration of members-only guidance: only members (PCCs and their offices) who sign in can "
    "see this page and download its file. The demo made it; it is not a real publication.",
    "portfolios": [],
    "files": [
        (
            "example-members-only-guidance.pdf",
            0.12 * MB,
            "A stand-in file kept in the Members only collection, served only to members who sign in.",
            "accessible",
        ),
        (
            "example-password-protected-annex.pdf",
            0.12 * MB,
            "An example of a file the site cannot check for accessibility: it needs a password to open.",
            "password-protected",
        ),
    ],
}

MEDIA_ENQUIRIES = {
    "title": "Media enquiries",
    "slug": "media-enquiries",
    "introduction": "Journalists can ask the association's communications team about our policy work, our "
    "portfolios and the Commissioners who lead them.",
}

# An accessibility statement page (accessibility.AccessibilityStatementPage): the sections GOV.UK's model
# statement asks for (contact, enforcement, compliance, what is not accessible) are the page type's own;
# what is not accessible is listed from the content. The testing described is what the test suite does.
ACCESSIBILITY_STATEMENT = {
    "title": "Accessibility statement",
    "slug": "accessibility-statement",
    "introduction": "This accessibility statement applies to the policy section of the Association of Police "
    "and Crime Commissioners' website.",
    "body": [
        {
            "type": "paragraph",
            "value": "<p>This website is built to meet the Web Content Accessibility Guidelines "
            "(WCAG) version 2.2 at level AA. You should be able to zoom the text to 400% without it spilling off the "
            "screen, move around the site with only a keyboard, and use it with a screen reader.</p>",
        },
    ],
    "compliance_status": "partial",
    "testing_method": "<p>Every page type is checked with axe-core's WCAG 2.2 A and AA rules at 375 and 1280 "
    "pixels wide, for horizontal scrolling at 320 pixels, with only a keyboard, and without JavaScript. These "
    "checks run automatically each time the website changes. Every file is checked for accessibility when it is "
    "uploaded.</p>",
    "tested_by": "the website's developers, with automated tools",
    # Illustrative, like every date of the demo (see the site notice).
    "prepared_on": datetime.date(2026, 11, 30),
    "reviewed_on": datetime.date(2026, 11, 30),
    "tested_on": datetime.date(2026, 11, 30),
}

ORGANISATION = {
    "organisation_name": "Association of Police and Crime Commissioners",
    "short_name": "APCC",
    "media_enquiries_text": "For media enquiries about the association's policy work, see our media enquiries page.",
    # The seed gives no contact details: example.org addresses, which cannot be mistaken for real ones.
    "media_enquiries_email": "press-office@example.org",
    "accessibility_email": "accessibility@example.org",
    "site_notice": "A demonstration site: the text is the APCC's; its dates and example.org addresses "
    "are illustrative.",
}


# Search synonyms the content does not spell out as "Long Name (ACRONYM)" (search/acronyms.py finds those).
SEARCH_SYNONYMS = [("SPR", "Strategic Policing Requirement")]
