#!/usr/bin/env python3
"""The issue 22 walk on ../shared/harness, as an operator would do it through the console (docs/topics.md).

Needs: the harness up (sudo ../shared/harness/up.sh), mailclerk running against it in shadow mode with the console on
127.0.0.1:18080 and users ada, bert (admin) and ann (clerk) with the password in MC_CONSOLE_PASSWORD (run.sh starts it).
Adds a PACER MFA topic with a placeholder answer, lets ann answer batch 1 (label/) by hand naming the topic, retrains
and activates, delivers batch 2 (more/), labels it too, retrains again, delivers batch 3 (third/), and prints what the
responder decided for each batch.
"""
import os, re, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import session, get, post

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.environ.get("MC_SEED", "../../../../shared/harness/seed.sh")
LOG = os.environ.get("MC_RUN_LOG", "/tmp/mfa-run/run.log")
ANSWER = ("[PLACEHOLDER: the court replaces this text with its own words before this topic goes live.]\n\n"
          "Every CM/ECF filer must now enrol in PACER multi-factor authentication (MFA). Log in at ${pacerWebsite} and "
          "follow the enrolment steps PACER shows; after three skipped prompts PACER disables the account. MFA is "
          "managed by PACER, not by the court: for a lost device, backup codes or a disabled account, call the PACER "
          "Service Center at ${pacerPhone}.")

def decisions(n):
    """The last n decision lines of the responder's log, without timestamps."""
    lines = [l.split("Responder - ", 1)[1].strip() for l in open(LOG) if "Responder - " in l and " action=" in l]
    return lines[-n:]

def deliver(folder, wait=20):
    subprocess.run([SEED, os.path.join(HERE, folder)], check=True, stdout=subprocess.DEVNULL)
    time.sleep(wait)
    for d in decisions(10): print("  " + d[:230])

def label_queue(ann):
    uids = sorted(set(int(u) for u in re.findall(r'href="/message/(\d+)', get(ann, "/queue"))))
    for u in uids: post(ann, f"/message/{u}/answered", {"topic": "pacer-mfa"})
    print(f"  ann answered {len(uids)} by hand, naming pacer-mfa")

def retrain(ada):
    post(ada, "/models/retrain", {})
    before = len([l for l in open(LOG) if "retraining finished" in l])
    while len([l for l in open(LOG) if "retraining finished" in l]) == before: time.sleep(5)
    version = re.search(r"retraining finished: (v[\d-]+)", [l for l in open(LOG) if "retraining finished" in l][-1]).group(1)
    post(ada, "/models/activate", {"version": version})
    print(f"  retrained and activated {version}")
    time.sleep(8)

ada, ann = session("ada"), session("ann")
print("add topic pacer-mfa:", post(ada, "/topics/new", {"id": "pacer-mfa", "title": "PACER multi-factor authentication",
      "answer": ANSWER, "example": "How do I enroll in PACER multi-factor authentication?"})[:2])
print("batch 1 (label/), before the model knows the topic:"); deliver("label"); label_queue(ann); retrain(ada)
print("batch 2 (more/), after 11 examples:"); deliver("more"); label_queue(ann); retrain(ada)
print("batch 3 (third/), after 21 examples:"); deliver("third")
