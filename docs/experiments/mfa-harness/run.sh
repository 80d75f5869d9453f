#!/usr/bin/env bash
# The issue 22 walk on ../shared/harness (docs/topics.md): mailclerk in shadow mode with a fresh journal and a copy of
# models/, a console with ada and bert (administrators) and ann (clerk), then walk.py. Run from the repository root
# after `mvn -B package -DskipTests`, with the harness up (sudo ../shared/harness/up.sh). Leaves mailclerk running;
# stop it with: kill $(cat /tmp/mfa-run/pid)
set -euo pipefail
REPO=$(pwd)
HARNESS=${MC_HARNESS:-$REPO/../shared/harness}
RUN=/tmp/mfa-run
rm -rf "$RUN" && mkdir -p "$RUN"
cp -r "$REPO/models" "$RUN/models" && rm -f "$RUN/models/clerk-labelled.tsv"
printf %s helpdesk-pass > "$RUN/imap.pw"; printf %s changeit > "$RUN/ts.pw"; chmod 600 "$RUN"/*.pw
export MC_CONSOLE_PASSWORD=${MC_CONSOLE_PASSWORD:-harness-console-pw}
HASH=$(printf '%s\n' "$MC_CONSOLE_PASSWORD" | java -jar target/mailclerk.jar hash-password 2>/dev/null | tail -1)
export MAILCLERK_IMAP_HOST=127.0.0.1 MAILCLERK_IMAP_PORT=10993 MAILCLERK_IMAP_SECURITY=tls \
  MAILCLERK_IMAP_USER=helpdesk@court.test MAILCLERK_IMAP_PASSWORD_FILE=$RUN/imap.pw \
  MAILCLERK_SMTP_HOST=127.0.0.1 MAILCLERK_SMTP_PORT=10025 MAILCLERK_SMTP_SECURITY=starttls \
  MAILCLERK_TLS_TRUSTSTORE=/tmp/mc-harness/tls/truststore.p12 MAILCLERK_TLS_TRUSTSTORE_PASSWORD_FILE=$RUN/ts.pw \
  MAILCLERK_HELPDESK_ADDRESS=helpdesk@court.test MAILCLERK_MODELS_DIR=$RUN/models MAILCLERK_DATA_DIR=$RUN/data \
  MAILCLERK_REPLY_MODE=shadow MAILCLERK_POLL_INTERVAL=5 MAILCLERK_CONSOLE_PORT=18080 \
  MAILCLERK_CONSOLE_USERS="ada:admin:$HASH,bert:admin:$HASH,ann:clerk:$HASH"
nohup java -Xmx512m -jar target/mailclerk.jar run > "$RUN/run.log" 2>&1 &
echo $! > "$RUN/pid"
until curl -fs -o /dev/null http://127.0.0.1:18080/login; do sleep 1; done
MC_SEED="$HARNESS/seed.sh" MC_RUN_LOG="$RUN/run.log" python3 "$REPO/docs/experiments/mfa-harness/walk.py"
