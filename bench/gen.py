#!/usr/bin/env python3
"""Deterministic fact-file generator for the kzfp benchmark.

Writes bench/data/events-N.toml (the fact-file schema of README.md, so
`kzfp check` passes) and bench/data/events-N.json (the same records as
{"country": {...}, "partner": [...], "org": [...], "treaty": [...], "event": [...]}
for jq). Same N, same bytes: the random generator is seeded and nothing reads the
clock. Events average ~370 bytes of TOML: English and Turkish titles and summaries
(with diacritics), 1-3 partners, a tag, sometimes an org, a treaty or a figure.

Python because the machine has it and the generator then needs no build; records
are streamed to both files so memory stays flat at a million events.

usage: gen.py N OUT_DIR
"""

import json
import os
import random
import sys

SEED = 20260501

REAL_PARTNERS = [
    ("russia", "Russia", "Rusya", ["ru", "rus", "rusya federasyonu"]),
    ("china", "China", "Çin", ["cn", "prc", "çin halk cumhuriyeti"]),
    ("united-states", "United States", "Amerika Birleşik Devletleri", ["us", "usa", "abd"]),
    ("turkey", "Türkiye", "Türkiye", ["tr", "turkiye", "turkey"]),
    ("germany", "Germany", "Almanya", ["de", "deu"]),
    ("uzbekistan", "Uzbekistan", "Özbekistan", ["uz", "ozbekistan"]),
    ("kyrgyzstan", "Kyrgyzstan", "Kırgızistan", ["kg", "kirgizistan"]),
    ("european-union", "European Union", "Avrupa Birliği", ["eu", "ab"]),
    ("japan", "Japan", "Japonya", ["jp", "jpn"]),
    ("iran", "Iran", "İran", ["ir", "irn"]),
]
REAL_ORGS = [
    ("un", "United Nations", "Birleşmiş Milletler", "UN", "BM"),
    ("sco", "Shanghai Cooperation Organisation", "Şanghay İşbirliği Örgütü", "SCO", "ŞİÖ"),
    ("csto", "Collective Security Treaty Organisation", "Kolektif Güvenlik Antlaşması Örgütü", "CSTO", "KGAÖ"),
    ("osce", "Organisation for Security and Co-operation in Europe", "Avrupa Güvenlik ve İşbirliği Teşkilatı", "OSCE", "AGİT"),
    ("eaeu", "Eurasian Economic Union", "Avrasya Ekonomik Birliği", "EAEU", "AEB"),
    ("oic", "Organisation of Islamic Cooperation", "İslam İşbirliği Teşkilatı", "OIC", "İİT"),
]
N_PARTNERS = 190  # plus the real ones above
N_ORGS = 44

TOPICS = [
    ("energy", "a gas pipeline", "gaz boru hattı"),
    ("trade", "customs rules", "gümrük kuralları"),
    ("security", "border security", "sınır güvenliği"),
    ("nuclear", "non-proliferation", "nükleer silahsızlanma"),
    ("diplomacy", "a new embassy", "yeni büyükelçilik"),
    ("economy", "investment", "doğrudan yatırım"),
    ("integration", "integration", "bölgesel entegrasyon"),
    ("un", "a UN resolution", "BM kararı"),
]
VERBS = [
    ("Kazakhstan and {p} sign a deal on {t}", "Kazakistan ve {p} {t} anlaşması imzaladı"),
    ("Talks with {p} on {t}", "{p} ile {t} görüşmeleri"),
    ("Visit to {p}: {t} discussed", "{p} ziyareti: {t} görüşüldü"),
    ("{p} and Kazakhstan agree on {t}", "{p} ve Kazakistan {t} konusunda uzlaştı"),
]
SUMMARIES = [
    ("The sides agreed to deepen cooperation.", "Taraflar işbirliğini derinleştirmeyi kararlaştırdı."),
    ("The ministry called it a multi-vector step.", "Bakanlık bunu çok vektörlü bir adım saydı."),
    ("The talks followed long preparation.", "Görüşmeler uzun bir hazırlığın ardından yapıldı."),
    ("Parliament ratified the text soon after.", "Meclis metni kısa süre sonra onayladı."),
]
SOURCES = ["Rusya ile ilişkiler", "Çin ile ilişkiler", "Kazakistan ve Birleşmiş Milletler",
           "Uluslararası Politika Yönergeleri", "Orta Asya"]
UNITS = [("USD", 1e6, 5e10), ("percent", 1, 60), ("count", 2, 500), ("km2", 100, 50000)]
SYLLABLES = ["ka", "ra", "to", "mi", "sa", "lu", "ne", "bo", "di", "ve", "za", "or", "an", "el"]


def toml_str(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_list(items):
    return "[" + ", ".join(toml_str(i) for i in items) + "]"


def toml_value(value):
    if isinstance(value, str):
        return toml_str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    return repr(value)


def toml_record(kind, record):
    lines = [f"[[{kind}]]"] if kind else []
    for key, value in record.items():
        if value is None or value == []:
            continue
        lines.append(f"{key} = {toml_value(value)}")
    return "\n".join(lines) + "\n\n"


def json_record(record):
    return json.dumps({k: v for k, v in record.items()}, ensure_ascii=False)


def made_up_name(rng, index):
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
    return f"{word} {index}"


def partners(rng):
    out = []
    for pid, name, name_tr, aliases in REAL_PARTNERS:
        out.append(partner_record(pid, name, name_tr, aliases))
    for i in range(1, N_PARTNERS + 1):
        name = made_up_name(rng, i)
        out.append(partner_record(f"p-{i:03}", name, name, []))
    return out


def partner_record(pid, name, name_tr, aliases):
    return {
        "id": pid, "name": name, "name_tr": name_tr, "aliases": aliases, "kind": "state",
        "relation": "partner", "relation_tr": "ortak",
        "summary": f"{name} is one of Kazakhstan's partners.",
        "summary_tr": f"{name_tr}, Kazakistan'ın ortaklarından biridir.",
        "source": "Uluslararası Politika Yönergeleri",
    }


def orgs(rng):
    out = []
    for oid, name, name_tr, acronym, acronym_tr in REAL_ORGS:
        out.append(org_record(oid, name, name_tr, acronym, acronym_tr))
    for i in range(1, N_ORGS + 1):
        name = made_up_name(rng, i)
        out.append(org_record(f"o-{i:03}", f"{name} Forum", f"{name} Forumu", None, None))
    return out


def org_record(oid, name, name_tr, acronym, acronym_tr):
    return {
        "id": oid, "name": name, "name_tr": name_tr, "acronym": acronym, "acronym_tr": acronym_tr,
        "kind": "organisation", "roles": ["member"],
        "summary": f"Kazakhstan is a member of the {name}.",
        "summary_tr": f"Kazakistan {name_tr} üyesidir.",
        "source": "Kazakistan ve Birleşmiş Milletler",
    }


def treaties(rng, count, partner_ids, org_ids):
    out = []
    for i in range(1, count + 1):
        party = rng.choice(partner_ids)
        out.append({
            "id": f"t-{i:05}", "name": f"Agreement {i} on cooperation",
            "name_tr": f"{i} sayılı işbirliği anlaşması", "kind": "bilateral",
            "signed": random_date(rng), "parties": [party],
            "orgs": [rng.choice(org_ids)] if rng.random() < 0.2 else [],
            "summary": "An agreement on economic and cultural cooperation.",
            "summary_tr": "Ekonomik ve kültürel işbirliğine dair bir anlaşma.",
            "source": "Uluslararası Politika Yönergeleri",
        })
    return out


def random_date(rng):
    year = rng.randint(1991, 2024)
    precision = rng.random()
    if precision < 0.1:
        return f"{year}"
    if precision < 0.25:
        return f"{year}-{rng.randint(1, 12):02}"
    return f"{year}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"


def event(rng, index, partner_ids, partner_names, org_ids, treaty_ids):
    # Russia in about one event in six, as a busy neighbour would be.
    first = "russia" if rng.random() < 0.16 else rng.choice(partner_ids)
    chosen = [first] + [rng.choice(partner_ids) for _ in range(rng.randint(0, 2))]
    chosen = list(dict.fromkeys(chosen))
    tag, topic, topic_tr = rng.choice(TOPICS)
    verb, verb_tr = rng.choice(VERBS)
    name, name_tr = partner_names[first]
    summary, summary_tr = rng.choice(SUMMARIES)
    if rng.random() < 0.01:
        summary = 'The press called it a "breakthrough". ' + summary
    record = {
        "id": f"e-{index:07}", "date": random_date(rng),
        "title": verb.format(p=name, t=topic), "title_tr": verb_tr.format(p=name_tr, t=topic_tr),
        "partners": chosen,
        "orgs": [rng.choice(org_ids)] if rng.random() < 0.25 else [],
        "treaties": [rng.choice(treaty_ids)] if rng.random() < 0.15 else [],
        "summary": summary, "summary_tr": summary_tr,
        "source": rng.choice(SOURCES), "tags": [tag],
    }
    if rng.random() < 0.15:
        unit, low, high = rng.choice(UNITS)
        record["figures"] = [{"what": "Volume", "what_tr": "Hacim",
                              "value": round(rng.uniform(low, high), 1), "unit": unit}]
    return record


COUNTRY = {
    "id": "kazakhstan", "name": "Kazakhstan", "name_tr": "Kazakistan", "aliases": ["kz", "kaz"],
    "summary": "A generated fact file for the kzfp benchmark.",
    "summary_tr": "kzfp karşılaştırması için üretilmiş bir olgu dosyası.",
    "source": "outside: generated by bench/gen.py",
}


def main():
    count, out_dir = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(SEED)
    all_partners = partners(rng)
    all_orgs = orgs(rng)
    partner_ids = [p["id"] for p in all_partners]
    partner_names = {p["id"]: (p["name"], p["name_tr"]) for p in all_partners}
    org_ids = [o["id"] for o in all_orgs]
    all_treaties = treaties(rng, max(100, count // 200), partner_ids, org_ids)
    treaty_ids = [t["id"] for t in all_treaties]
    base = os.path.join(out_dir, f"events-{count}")
    with open(base + ".toml.tmp", "w", encoding="utf-8") as toml_out, \
            open(base + ".json.tmp", "w", encoding="utf-8") as json_out:
        toml_out.write("# Generated by bench/gen.py; do not edit.\nschema = 1\n\n")
        toml_out.write("[country]\n" + toml_record(None, COUNTRY))
        json_out.write('{"schema": 1, "country": ' + json_record(COUNTRY))
        for kind, records in (("partner", all_partners), ("org", all_orgs), ("treaty", all_treaties)):
            json_out.write(f',\n"{kind}": [\n')
            json_out.write(",\n".join(json_record(r) for r in records))
            json_out.write("\n]")
            toml_out.write("".join(toml_record(kind, r) for r in records))
        json_out.write(',\n"event": [\n')
        for i in range(1, count + 1):
            record = event(rng, i, partner_ids, partner_names, org_ids, treaty_ids)
            toml_out.write(toml_record("event", record))
            json_out.write(("" if i == 1 else ",\n") + json_record(record))
        json_out.write("\n]}\n")
    os.replace(base + ".toml.tmp", base + ".toml")
    os.replace(base + ".json.tmp", base + ".json")


if __name__ == "__main__":
    main()
