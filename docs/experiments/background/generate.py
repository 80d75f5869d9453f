#!/usr/bin/env python3
"""Messages that tell something about an FAQ topic and ask something the FAQ does not answer.

Every message generated here is one FAQ background statement (it asks nothing) followed by one question from outside
the FAQ. Any automatic reply to them is wrong: the filer's question is not the FAQ's. The statements are written
from the FAQ's topics and the questions from the kinds of mail a bankruptcy court's help desk gets (filing, fees,
hearings, case status, records); none comes from the dev emails.

    python3 docs/experiments/background/generate.py OUT_DIR [--all]
    java -jar target/mailclerk.jar classify --json OUT_DIR/*.eml | grep -c '"action":"REPLY"'
"""
import os
import sys

BACKGROUND = [
    "I upgraded my PACER account last week.",
    "Our office upgraded all of our PACER accounts to the modernized version in March.",
    "We linked our CM/ECF and PACER accounts in April.",
    "I linked my e-filing account to my PACER account yesterday and it went fine.",
    "I registered for a new PACER account last month.",
    "I just created an individual PACER account for myself.",
    "Our firm has one shared PACER account that the staff use for viewing documents.",
    "I have my credit card stored in PACER for filing fees.",
    "I added the firm's credit card to my PACER account for paying fees.",
    "I reset my PACER password through the PACER website this morning.",
    "I got my PACER username back with the forgot username page.",
    "Our court moved to NextGen CM/ECF a few weeks ago.",
    "I logged in to NextGen CM/ECF for the first time today.",
    "Each of our attorneys now has an own PACER account.",
]

QUESTIONS = [
    "How do I file a proof of claim in a chapter 13 case?",
    "Who do I complain to about this?",
    "What are the clerk's office hours on Fridays?",
    "Can I file a motion to extend the deadline in my case?",
    "When is the meeting of creditors in my case?",
    "How much is the filing fee for a chapter 7 petition?",
    "Can you send me a copy of my discharge order?",
    "Is the courthouse open the day after Thanksgiving?",
    "What form do I use to change my mailing address with the court?",
    "How do I get a certified copy of a document?",
    "Does the court accept filings by fax?",
    "Where do I send paper copies of the schedules?",
    "Who is the trustee assigned to my case?",
    "How do I request a transcript of the hearing?",
    "Can I pay the filing fee in installments?",
    "What is the deadline to object to a discharge?",
    "How do I withdraw as attorney of record?",
    "Is there a page limit for briefs under the local rules?",
    "How do I reopen a closed case?",
    "Can you tell me why my case was dismissed?",
    "Where can I find the judge's chambers procedures?",
    "How do I upload a proposed order?",
    "What is the court's address for overnight deliveries?",
    "Can I get a refund of a filing fee that was charged twice?",
    "How do I sign up for electronic bankruptcy noticing?",
    "Who should I contact about a charge on my PACER bill that I think is wrong?",
    "Can I attend the hearing by telephone?",
    "How do I file an amended schedule?",
    "Is there a fee to add a creditor to the mailing matrix?",
    "Does the court have a form for a reaffirmation agreement?",
]


def main(out, every):
    os.makedirs(out, exist_ok=True)
    n = 0
    for i, q in enumerate(QUESTIONS):
        # every question after two statements picked in turn, so each statement meets several questions (--all: every
        # statement, 420 messages)
        picked = BACKGROUND if every else (BACKGROUND[i % len(BACKGROUND)], BACKGROUND[(i * 5 + 3) % len(BACKGROUND)])
        for b in picked:
            n += 1
            body = "Hello,\n\n" + b + " " + q + "\n\nThank you,\nPat Filer\n"
            msg = ("From: Pat Filer <pat.filer%d@lawfirm.example>\r\n"
                   "To: helpdesk@court.test\r\n"
                   "Subject: question\r\n"
                   "Date: Mon, 07 Dec 2026 09:00:00 -0600\r\n"
                   "Message-ID: <bg-%03d@lawfirm.example>\r\n"
                   "MIME-Version: 1.0\r\n"
                   "Content-Type: text/plain; charset=utf-8\r\n\r\n" % (n, n)) + body.replace("\n", "\r\n")
            with open(os.path.join(out, "bg-%03d.eml" % n), "w") as f:
                f.write(msg)
    print(n, "messages in", out)


if __name__ == "__main__":
    main(sys.argv[1], "--all" in sys.argv[2:])
