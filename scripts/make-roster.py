#!/usr/bin/env python3
"""Writes N synthetic residents across the five regions as JSON Lines and CSV.

A mix of categories, payment dates inside and outside the windows, newborns,
tiers and villages, with a fixed seed so runs are comparable.
Usage: make-roster.py N OUT.jsonl OUT.csv
"""
import csv, datetime, json, random, sys

n, jsonl_path, csv_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rng = random.Random(20261123)
REGIONS = {
    "beita": (datetime.date(2020, 9, 1), ["tekun", "dibao", "jiandang", "bianyuanhu", "doudi", "youfu"]),
    "nancheng": (datetime.date(2020, 9, 1), ["dibao", "jiandang", "tekun", "zhongcan"]),
    "nanan": (datetime.date(2023, 9, 1), ["dibao", "tuopin", "dushengzi", "dibao-bianyuan", "tekun"]),
    "dongzhi": (datetime.date(2020, 10, 1), ["dibao", "tuibu-yumin", "tekun"]),
    "zhuji": (datetime.date(2022, 9, 1), ["dibao", "fanpin", "jiance", "tuopin"]),
}
VILLAGES = ["姜山村", "刘寨村", "潼山村", "红旗村", "双井村", "朱集村", "三圣路", "金佛"]
names = list(REGIONS)
fields = ["id", "name", "village", "region", "category", "paid_on", "tier", "born"]
with open(jsonl_path, "w", encoding="utf-8") as jf, open(csv_path, "w", encoding="utf-8", newline="") as cf:
    writer = csv.writer(cf)
    writer.writerow(fields)
    for i in range(n):
        region = rng.choice(names)
        opens, categories = REGIONS[region]
        record = {"id": f"r{i:07d}", "name": "居民" + str(i % 1000), "village": rng.choice(VILLAGES), "region": region}
        if rng.random() < 0.3:
            record["category"] = rng.choice(categories)
        roll = rng.random()
        if roll < 0.5:
            pass                                   # default: inside the window
        elif roll < 0.93:
            record["paid_on"] = str(opens + datetime.timedelta(days=rng.randrange(0, 480)))
        else:                                      # a newborn
            born = opens + datetime.timedelta(days=rng.randrange(120, 420))
            record["born"] = str(born)
            record["paid_on"] = str(born + datetime.timedelta(days=rng.randrange(0, 120)))
        if region == "nancheng" and rng.random() < 0.2:
            record["tier"] = 2
        jf.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        writer.writerow([record.get(f, "") for f in fields])
