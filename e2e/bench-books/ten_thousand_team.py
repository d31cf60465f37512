#!/usr/bin/env python3
"""The CRM export of the loop benchmark's 10,000-account team (docs/benchmarks.md, "Loop").

Writes DIR/reps.csv and DIR/accounts.csv: team big-mm (50 MID_MARKET reps in NA-EAST, 10,000 accounts, books
skewed by a log-normal weight per rep, capacity 800 each), smb-west (8 reps, 800 accounts) and ent-emea
(6 reps, 300 accounts), plus 6 whales of big-mm (about a fifth of their owner's book each). Seeded: the same
files every run.

    python3 e2e/bench-books/ten_thousand_team.py /tmp/bench-10k
    ./territory up --csv /tmp/bench-10k && ./territory bench loop 10k-team big-mm 3 15
"""
import csv
import random
import sys
from pathlib import Path

TEAMS = [("big-mm", 50, 10000, "MID_MARKET", "NA-EAST", 800),
         ("smb-west", 8, 800, "SMB", "NA-WEST", 300),
         ("ent-emea", 6, 300, "ENTERPRISE", "EMEA", 150)]
WHALES = 6


def main(out: Path) -> None:
    rnd = random.Random(10000)
    out.mkdir(parents=True, exist_ok=True)
    reps = []
    with open(out / "reps.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["rep_id", "name", "status", "motion", "segment", "region", "team", "quota", "capacity_accounts", "start_date"])
        for team, n, _, segment, region, capacity in TEAMS:
            for r in range(n):
                rep_id = f"{team.upper()}-R{r:03d}"
                reps.append((rep_id, team, rnd.lognormvariate(0, 0.5)))
                w.writerow([rep_id, f"Rep {rep_id}", "ACTIVE", "NEW_BUSINESS", segment, region, team,
                            rnd.choice([800000, 1000000, 1200000]), capacity, "2024-01-15"])
    with open(out / "accounts.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["account_id", "name", "segment", "region", "status", "current_arr", "whitespace_arr", "buying_capacity",
                    "renewal_risk", "icp_fit", "propensity", "owner_rep_id", "locked", "renewal_date"])
        i = 0
        book_arr = {}
        for team, _, accounts, segment, region, _ in TEAMS:
            team_reps = [r for r in reps if r[1] == team]
            for _ in range(accounts):
                i += 1
                owner = rnd.choices([r[0] for r in team_reps], [r[2] for r in team_reps])[0]
                arr = round(rnd.lognormvariate(10.5, 1.0), 2)
                book_arr[owner] = book_arr.get(owner, 0) + arr
                w.writerow([f"ACC-{i:06d}", f"Account {i}", segment, region, "CUSTOMER", arr,
                            round(arr * rnd.uniform(0.5, 3), 2), round(rnd.uniform(0.2, 1), 2), round(rnd.uniform(0, 0.6), 2),
                            rnd.randint(30, 100), round(rnd.uniform(0.1, 0.9), 2), owner, "false", "2027-06-30"])
        # WHALES whales of big-mm, each owned by a different rep and worth about a fifth of that rep's book, so that
        # the loop benchmark's whale-churn rounds (an account of >= 12% of its owner's potential deleted) have
        # accounts to churn on a fresh stack; the trigger's cooldown is per account, so each round needs its own
        for k, (rep_id, _, _) in enumerate([r for r in reps if r[1] == "big-mm" and r[0] in book_arr][:WHALES]):
            arr = round(0.25 * book_arr[rep_id], 2)
            w.writerow([f"ACC-W{k + 1:05d}", f"Whale {k + 1}", "MID_MARKET", "NA-EAST", "CUSTOMER", arr,
                        round(1.5 * arr, 2), 0.9, 0.1, 95, 0.8, rep_id, "false", "2027-06-30"])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: ten_thousand_team.py DIR")
    main(Path(sys.argv[1]))
