"""Word lists and sentence templates for the synthetic corpus, in the language of customer service.

Slots in braces are filled by `synth_text`: {company}, {product}, {days}, {weeks}, {amount}, {count},
{agent}, {month}, {channel_phrase}. Every sentence is a plain, believable line from a complaint.
"""

from __future__ import annotations

INDUSTRY_NOUNS: dict[str, tuple[str, ...]] = {
    "airline": ("Air", "Airways", "Airlines"),
    "retail": ("Stores", "Outlet", "Market", "Home"),
    "utility": ("Energy", "Power", "Water", "Gas & Electric"),
    "telecom": ("Mobile", "Telecom", "Broadband", "Cable"),
    "ticketing": ("Tickets", "Box Office", "Live"),
    "computers": ("Computers", "Systems", "Devices"),
    "software": ("Software", "Apps", "Cloud"),
    "hosting": ("Hosting", "Web Services", "Servers"),
    "bank": ("Bank", "Savings", "Credit Union"),
    "insurance": ("Insurance", "Assurance", "Mutual"),
    "fulfilment": ("Fulfilment", "Logistics", "Distribution"),
    "entertainment": ("Entertainment", "Pictures", "Games"),
    "travel": ("Travel", "Holidays", "Hotels"),
    "food": ("Foods", "Kitchen", "Grocers", "Pizza"),
    "automotive": ("Motors", "Auto", "Car Rental"),
    "health": ("Health", "Pharmacy", "Clinics"),
    "government": ("Licensing Agency", "Council", "Revenue Office"),
    "shipping": ("Parcel", "Couriers", "Freight", "Post"),
    "media": ("Media", "News", "Streaming"),
    "other": ("Services", "Group", "Company"),
}

# Heavier industries first: complaint sites see far more airlines and telecoms than councils.
INDUSTRY_WEIGHTS: dict[str, int] = {
    "airline": 9, "telecom": 10, "retail": 12, "utility": 6, "bank": 8, "insurance": 7, "software": 6,
    "hosting": 4, "computers": 5, "ticketing": 3, "fulfilment": 3, "entertainment": 3, "travel": 5,
    "food": 5, "automotive": 4, "health": 3, "government": 2, "shipping": 5, "media": 3, "other": 2,
}

NAME_STARTS = (
    "North", "South", "Blue", "Silver", "Harbor", "Summit", "Pine", "Red", "Clear", "Bright", "Iron", "Maple",
    "Oak", "Cedar", "River", "Stone", "Swift", "Prime", "Union", "Metro", "Atlas", "Beacon", "Crown", "Golden",
    "Green", "Lake", "Coast", "Meadow", "Falcon", "Eagle", "Orchard", "Granite",
)
NAME_ENDS = (
    "field", "gate", "line", "way", "point", "wood", "star", "bridge", "port", "ridge", "vale", "crest",
    "brook", "haven", "stone", "view",
)
REGIONS = ("West", "East", "Direct", "National", "Express", "Plus", "One", "Central")

PRODUCTS: dict[str, tuple[str, ...]] = {
    "airline": ("checked bag", "return flight", "connecting flight", "seat upgrade", "travel voucher",
                "musical instrument", "pushchair", "frequent-flyer miles"),
    "retail": ("washing machine", "sofa", "laptop", "television", "online order", "gift card",
               "pair of boots", "fridge freezer"),
    "utility": ("electricity bill", "gas meter", "smart meter", "direct debit", "final bill",
                "water supply", "meter reading"),
    "telecom": ("broadband line", "phone contract", "router", "mobile number transfer", "roaming charges",
                "fibre installation", "SIM card"),
    "ticketing": ("concert tickets", "festival pass", "theatre booking", "season ticket", "resale listing"),
    "computers": ("laptop repair", "replacement screen", "desktop computer", "warranty claim",
                  "battery recall", "docking station"),
    "software": ("annual subscription", "licence key", "cloud backup", "account login", "software update",
                 "family plan"),
    "hosting": ("web hosting plan", "domain renewal", "email hosting", "website backup", "SSL certificate",
                "virtual server"),
    "bank": ("current account", "card payment", "mortgage application", "international transfer",
             "overdraft charge", "savings account", "chargeback"),
    "insurance": ("home insurance claim", "car insurance renewal", "travel insurance claim",
                  "pet insurance policy", "storm damage claim"),
    "fulfilment": ("upgrade disc", "parcel", "pre-order", "replacement part", "returns label"),
    "entertainment": ("streaming subscription", "game pre-order", "cinema booking", "theme park tickets"),
    "travel": ("hotel booking", "package holiday", "car hire", "cruise deposit", "airport transfer"),
    "food": ("grocery delivery", "takeaway order", "meal kit subscription", "birthday cake order"),
    "automotive": ("car service", "hire car", "warranty repair", "new car delivery", "breakdown cover"),
    "health": ("prescription", "dental appointment", "eye test", "hearing aid", "clinic booking"),
    "government": ("passport renewal", "parking permit", "tax refund", "licence application"),
    "shipping": ("parcel", "international delivery", "signed-for letter", "furniture delivery",
                 "customs charge"),
    "media": ("newspaper subscription", "streaming plan", "magazine renewal", "cable package"),
    "other": ("membership", "gym contract", "storage unit", "event booking"),
}

SCENARIOS: dict[str, dict[str, tuple[str, ...]]] = {
    "refund": {
        "titles": ("Refund for a cancelled {product} took {weeks} weeks and {count} complaints",
                   "Promised a refund for the {product}, then denied ever agreeing to it",
                   "Kept the money for a {product} that was never delivered"),
        "tags": ("refund", "slow-resolution", "broken-promise", "chargeback"),
    },
    "lost": {
        "titles": ("Lost the customer's {product} and blamed a third party",
                   "{product} went missing and nobody would open an investigation",
                   "Could not say where the {product} was after {weeks} weeks"),
        "tags": ("lost-item", "passing-the-buck", "no-investigation", "refused-responsibility"),
    },
    "billing": {
        "titles": ("Charged twice for the {product} and took {weeks} weeks to correct it",
                   "Billing error on the {product} passed to a debt collector",
                   "Fees of {amount} added to the {product} without warning"),
        "tags": ("billing-error", "fees", "hidden-charges", "debt-collection"),
    },
    "damage": {
        "titles": ("Damaged the {product} and offered a voucher instead of a repair",
                   "Broken {product} blamed on the customer's own packing",
                   "Refused a claim for the damaged {product} on a technicality"),
        "tags": ("damaged-item", "claim-denied", "voucher-offered", "repair"),
    },
    "outage": {
        "titles": ("No service for {days} days and no credit for the outage",
                   "Outage left the customer without the {product} for a week",
                   "Repeated outages on the {product} met with a scripted apology"),
        "tags": ("outage", "credit-refused", "no-compensation", "scripted-reply"),
    },
    "ignored": {
        "titles": ("Complaint about the {product} ignored for {weeks} weeks",
                   "Nobody answered {count} emails about the {product}",
                   "Support ticket about the {product} closed without a reply"),
        "tags": ("ignored", "no-reply", "ticket-closed", "escalation"),
    },
    "rude": {
        "titles": ("Staff member mocked a customer asking about the {product}",
                   "Manager refused to help with the {product} and ended the call",
                   "Customer told to take the {product} complaint elsewhere"),
        "tags": ("rude-staff", "refused-responsibility", "in-store", "escalation"),
    },
    "recovery": {
        "titles": ("Support team turned a failed {product} into a loyal customer",
                   "Replaced the {product} the same day, no questions asked",
                   "Agent followed up on the {product} without being asked"),
        "tags": ("service-recovery", "praise", "replacement", "goodwill"),
    },
}

TAG_EXTRAS = (
    "accessibility", "cancellation", "contract", "delay", "delivery", "form-letter", "goodwill-gesture",
    "late-delivery", "loyalty", "misleading-advert", "ombudsman", "overbooking", "policy-change",
    "price-match", "privacy", "regulator", "renewal-price", "social-media", "technical-support", "viral-video",
    "warranty", "wrong-item", "call-centre", "chatbot", "callback-never-came", "small-business",
)

CHANNEL_PHRASES: dict[str, str] = {
    "phone": "phoned the customer service line", "email": "emailed the support address",
    "chat": "opened a live chat on the website", "social": "wrote to the company's account on social media",
    "in-store": "went back to the store in person", "mail": "sent a letter by recorded delivery",
    "web-form": "filled in the complaint form on the website", "forum": "posted in the company's support forum",
    "video": "published a video about it", "blog": "wrote a blog post about it",
    "press": "contacted a consumer journalist", "other": "asked a friend who works there for help",
}

AGENTS = ("a first-line agent", "a supervisor", "a store manager", "the complaints team", "a claims handler",
          "an outsourced call centre", "the social media team", "a technician", "the billing department")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

ISSUE_OPENINGS = (
    "The customer had been with {company} for several years and had never had a problem before.",
    "The customer ordered the {product} from {company} in {month} and paid in full at the time.",
    "In {month} the customer noticed a problem with the {product} and contacted {company} straight away.",
    "The customer, who runs a small business, relied on the {product} for day-to-day work.",
    "The customer booked the {product} well in advance and kept every confirmation email.",
    "After a house move in {month}, the customer arranged the {product} through {company}.",
)
ISSUE_MIDDLES = (
    "Over the next {weeks} weeks the customer {channel_phrase} {count} times.",
    "Each time the customer was told that the matter had been escalated and that someone would call back.",
    "Nobody called back, and the reference number given on the first call no longer existed.",
    "The customer was passed between {agent} and {agent2}, and each blamed the other.",
    "The customer was asked to send the same photographs and receipts {count} times.",
    "A charge of {amount} appeared on the customer's statement with no explanation.",
    "The website showed the order as delivered, but nothing had arrived.",
    "The customer was kept on hold for more than an hour before the call was cut off.",
    "The written complaint received an automatic acknowledgement and nothing more.",
    "The customer asked for the complaint to be handled by a manager and was refused.",
    "The terms and conditions said nothing about the fee the customer was then asked to pay.",
    "The customer was told that the {product} was out of warranty, although it was less than a year old.",
    "When the customer asked for the promise in writing, the agent said that was not possible.",
    "A replacement was promised within {days} working days and did not come.",
    "The customer lost {days} days of work waiting in for engineers who never arrived.",
)
ISSUE_CLOSINGS = (
    "The record rests on the customer's own account; the dates are as the customer gave them.",
    "The post does not give the exact day; the date here is the month the trouble began.",
    "The customer kept copies of every message, which the post quotes in part.",
    "Several other customers described the same problem in the comments under the post.",
)
RESPONSES = (
    "{company} said that it could not be held responsible and closed the complaint.",
    "{company} apologised for the inconvenience but offered nothing beyond the apology.",
    "After {weeks} weeks {company} offered a credit of {amount}, which the customer accepted.",
    "{company} replied with a form letter that did not address any of the points raised.",
    "The company's reply referred to an order number that was not the customer's.",
    "{company} did not answer at all until the customer's post was widely shared.",
    "A manager called the customer back, apologised and arranged a full refund within {days} days.",
    "{company} said that its policy did not allow a refund and that the decision was final.",
    "The company sent a replacement {product} by courier and waived the delivery charge.",
    "{company} admitted the mistake only after the customer took the complaint to the ombudsman.",
    "The social media team stepped in, found the order and had it delivered the next day.",
    "{company} offered a voucher worth {amount}, valid only for future purchases.",
    "The complaints team agreed to look again, then asked for the same documents a second time.",
    "Nothing is recorded: the post does not say whether {company} ever replied.",
)
TIMELINE_TEXTS = (
    "{company} wrote again, this time offering a full refund.",
    "The ombudsman upheld the complaint and ordered {company} to pay {amount} in compensation.",
    "The customer received a second form letter repeating the first.",
    "A senior manager phoned, apologised and promised a review of the policy.",
    "The debt collection letters stopped after the customer's post was shared widely.",
    "{company} publicly responded to the post and said that it was looking into the case.",
    "The replacement {product} finally arrived, {weeks} weeks after the first complaint.",
    "The customer reported that the problem had come back and that {company} had stopped answering.",
)
REPLIES = (
    "We are sorry that this customer's experience fell short of the standard we set ourselves. We have "
    "contacted them directly and resolved the matter.",
    "We take every complaint seriously. This case was reviewed by our customer relations team and a "
    "goodwill payment was made.",
    "We do not comment on individual accounts, but we have changed our process so that this cannot happen "
    "again.",
    "Our records show that the customer was offered a refund at the time. We remain happy to discuss it.",
)
PUBLISHERS = ("Consumer Watch Daily", "The Complaints Desk", "Money Matters blog", "Local Evening News",
              "Customer Service Notes", "Traveller's Forum", "Tech Support Diaries", "Which Way Consumer")
FIRST_NAMES = ("Alex", "Sam", "Jordan", "Priya", "Chen", "Maria", "Tom", "Aisha", "Lars", "Nadia", "Omar",
               "Grace", "Mateo", "Hannah", "Ivan", "Leila", "Kofi", "Sofia", "Ben", "Yuki")
LAST_NAMES = ("Walker", "Okafor", "Nguyen", "Schmidt", "Rossi", "Patel", "Kowalski", "Murphy", "Silva",
              "Haddad", "Larsen", "Moreau", "Ito", "Brennan", "Costa", "Fischer", "Adeyemi", "Novak")
FEED_THEMES = ("Customer Service Notes", "Consumer Watch", "The Complaints Desk", "Service Matters",
               "Fair Deal Diary", "Help Line Stories", "Refund Watch", "Queue Jumper", "On Hold Again",
               "Small Print Review")
POST_TITLES = (
    "What {company} gets wrong about complaints",
    "Why I finally left {company}",
    "{company} and the {product} that never came",
    "A good word for {company}'s support team",
    "Three months on hold with {company}",
    "How {company} handled my {product}, step by step",
    "{company} changes its refund policy after criticism",
    "Readers share their {company} stories",
)
RESPONSE_FOLLOWUPS = (
    "The customer closed the account the same week and moved to a competitor.",
    "The customer asked for the reasoning in writing and did not receive it.",
    "No one explained why the first promise had not been kept.",
    "The refund, when it came, was {amount} short of what had been paid.",
    "The agent who finally helped gave a direct number so that the customer would not have to queue again.",
    "The customer says the outcome was fair but should not have taken {weeks} weeks.",
)
