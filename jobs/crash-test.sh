#!/usr/bin/env bash
# The crash test at a larger size (README "Crash recovery"): a child JVM runs `demo` over a seeded
# book, is killed with SIGKILL at KILLS moments spread over the span (inside generation, issue,
# dunning, the outbox and the other steps), is run again after each kill as the README says, and
# its ledger must then equal that of the same command run once, uninterrupted, on another database.
#   jobs/crash-test.sh [CUSTOMERS] [MONTHS] [KILLS] [SEED]     (default 200 3 40 11)
# Needs a MariaDB or MySQL server for its two databases: EZSCALE_TEST_DB_URL (default the local one).
# The children's logs are under jobs/target/crash-test/, the whole run's in jobs/target/crash-test.log.
set -uo pipefail
cd "$(dirname "$0")/.."
export EZSCALE_TEST_DB_URL="${EZSCALE_TEST_DB_URL:-jdbc:mysql://127.0.0.1:3306/?user=root&password=}"
./mvnw -q -DskipTests install || exit 1
log=jobs/target/crash-test.log
./mvnw -pl jobs surefire:test -Dtest=NightlyCrashTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcrash.customers="${1:-200}" -Dcrash.months="${2:-3}" -Dcrash.kills="${3:-40}" -Dcrash.seed="${4:-11}" > "$log" 2>&1
status=$?
grep -E "^crash test:|^  aimed at|^  ledger compared|Tests run:.*Fail|FAILURE|expected|Expecting" "$log"
exit $status
