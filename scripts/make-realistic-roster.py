#!/usr/bin/env python3
"""Writes N residents as a township roster really looks, as JSON Lines and CSV.

Every resident has an 18-digit ID number (GB 11643-1999: region code, birth date,
sequence, ISO 7064 MOD 11-2 check digit) whose birth date is the `born` field, a
Chinese name and one of 18 villages of his region; ages run from 0 to 95; a quarter
are in a hardship group; 1 % are newborns paying within their first months; a fifth
of nancheng's residents choose tier 2. Payment dates spread over each region's real
collection period, most of them inside the centralised window. Almost no two
records are alike, so a result cache cannot answer the repeats (the synthetic
roster of make-roster.py has 79,145 distinct combinations in 10^6 lines).

Fixed seed, so runs are comparable. Usage: make-realistic-roster.py N OUT.jsonl OUT.csv
"""
import csv, datetime, json, random, sys

n, jsonl_path, csv_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rng = random.Random(20261201)
D = datetime.date
# region: (county code, centralised window, collection end, categories, coverage year start)
REGIONS = {
    "beita":    ("430511", D(2020, 9, 1), D(2020, 12, 31), D(2021, 2, 28), ["tekun", "dibao", "jiandang", "bianyuanhu", "doudi", "youfu", "zhongcan", "wurenfuyang"], D(2021, 1, 1)),
    "nancheng": ("500119", D(2020, 9, 1), D(2020, 12, 20), D(2021, 9, 30), ["dibao", "jiandang", "tekun", "zhongcan", "youfu", "yinbingzhipin", "laofuyuan"], D(2021, 1, 1)),
    "nanan":    ("350583", D(2023, 9, 1), D(2023, 12, 31), D(2024, 12, 31), ["dibao", "tuopin", "jiance", "dushengzi", "dibao-bianyuan", "tekun", "zhongcan", "youfu"], D(2024, 1, 1)),
    "dongzhi":  ("341721", D(2020, 10, 1), D(2020, 12, 31), D(2020, 12, 31), ["dibao", "tuibu-yumin", "tekun", "jiandang", "youfu"], D(2021, 1, 1)),
    "zhuji":    ("341323", D(2022, 10, 1), D(2022, 12, 31), D(2023, 2, 28), ["dibao", "fanpin", "jiance", "tuopin", "tekun"], D(2023, 1, 1)),
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强海燕红梅玉兰德福春花文斌永刚小红淑珍宝山"
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]   # 2^(17-i) mod 11

def id_number(code, born, seq):
    body = f"{code}{born:%Y%m%d}{seq:03d}"
    total = sum(int(d) * w for d, w in zip(body, WEIGHTS))
    return body + "10X98765432"[total % 11]

def name():
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given

VILLAGE_NAMES = [c + "村" for c in "东西南北中上下前后新老高低河山桥湾塘"]   # 18 a region
fields = ["id_number", "name", "village", "region", "category", "paid_on", "tier", "born"]
with open(jsonl_path, "w", encoding="utf-8") as jf, open(csv_path, "w", encoding="utf-8", newline="") as cf:
    writer = csv.writer(cf)
    writer.writerow(fields)
    for i in range(n):
        region = rng.choice(list(REGIONS))
        code, opens, closes, late, categories, cover = REGIONS[region]
        record = {}
        roll = rng.random()
        if roll < 0.01:                               # a newborn, paid within its first months
            born = cover + datetime.timedelta(days=rng.randrange(0, 300))
            paid = born + datetime.timedelta(days=rng.randrange(0, 100))
        else:
            born = opens - datetime.timedelta(days=rng.randrange(365, 96 * 365))
            if roll < 0.85:
                paid = opens + datetime.timedelta(days=rng.randrange(0, (closes - opens).days + 1))
            else:                                     # late, into the extension or make-up period and beyond
                paid = closes + datetime.timedelta(days=rng.randrange(1, max(2, (late - closes).days + 60)))
        record["id_number"] = id_number(code, born, rng.randrange(1000))
        record["name"] = name()
        record["village"] = rng.choice(VILLAGE_NAMES)
        record["region"] = region
        if rng.random() < 0.25:
            record["category"] = rng.choice(categories)
        record["paid_on"] = str(paid)
        if region == "nancheng" and rng.random() < 0.2:
            record["tier"] = 2
        record["born"] = str(born)
        jf.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        writer.writerow([record.get(f, "") for f in fields])
