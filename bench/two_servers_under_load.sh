#!/usr/bin/env bash
# Two gunicorn servers sharing one PostgreSQL and one Redis, under a bounded loopback
# load while statements are published and unpublished, with Redis stopped for part of it.
# Prints the status codes seen; the run fails if any response was a 5xx.
#
# Usage: bench/two_servers_under_load.sh [SECONDS] [CLIENTS]     (defaults: 60 s, 50 clients)
# Needs: PostgreSQL on 127.0.0.1:5432 (user postgres), redis-server, hey (Debian package).
# Uses its own database (portal_load) and its own Redis on port 6390, so it disturbs nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-60}
clients=${2:-50}
python=.venv/bin/python
work=$(mktemp -d /tmp/portal-load.XXXXXX)
redis_port=6390
ports=(8101 8102)
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=portal.settings.production
export SECRET_KEY="load-test-$(date +%s)-not-a-secret-used-anywhere-else"
export ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_load
export CACHE_URL=redis://127.0.0.1:$redis_port/0
export MEDIA_ROOT=$work/media STATIC_ROOT=$work/static
export WAGTAILADMIN_BASE_URL=http://127.0.0.1:${ports[0]}
export LOG_LEVEL=WARNING

echo "Preparing a demo site in portal_load…"
dropdb --if-exists -h 127.0.0.1 -U postgres portal_load
createdb -h 127.0.0.1 -U postgres portal_load
$python manage.py migrate --no-input -v0
$python manage.py load_demo >/dev/null
$python manage.py collectstatic --no-input -v0

redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
  --logfile "$work/redis.log" --dir "$work"
for port in "${ports[@]}"; do
  GUNICORN_BIND=127.0.0.1:$port GUNICORN_WORKERS=2 .venv/bin/gunicorn -c gunicorn.conf.py \
    >"$work/gunicorn-$port.log" 2>&1 &
  pids+=($!)
done
for port in "${ports[@]}"; do
  for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
done

pages=(/ /news/ /police-capabilities-and-serious-organised-crime/serious-organised-crime/
  /news/joint-apcc-leads-respond-to-serious-and-organised-crime-strategy/ /resources-and-publications/)
per_run=$(( clients / (${#ports[@]} * ${#pages[@]}) ))
(( per_run < 1 )) && per_run=1
echo "Load: ${duration}s, $(( per_run * ${#ports[@]} * ${#pages[@]} )) clients over ${#ports[@]} servers and ${#pages[@]} pages"
for port in "${ports[@]}"; do
  for page in "${pages[@]}"; do
    hey -z "${duration}s" -c "$per_run" -H "X-Forwarded-Proto: https" "http://127.0.0.1:$port$page" \
      >"$work/hey-$port-$(echo "$page" | tr '/' '_').txt" &
    pids+=($!)
  done
done

# Publish and unpublish a statement every few seconds, as an editor would, through the
# same database and Redis as the servers (so the content version changes for both).
(
  end=$(( $(date +%s) + duration ))
  n=0
  while (( $(date +%s) < end )); do
    n=$((n + 1))
    $python manage.py shell -c "
from news.models import NewsArticlePage, NewsIndexPage
index = NewsIndexPage.objects.first()
page = NewsArticlePage(title='Load test statement $n', slug='load-test-$n', summary='Published under load.')
index.add_child(instance=page)
page.save_revision().publish()
old = NewsArticlePage.objects.filter(slug='load-test-$((n - 1))').first()
if old: old.unpublish()
" >/dev/null
    sleep 3
  done
) &
publisher=$!

sleep $(( duration / 3 ))
echo "$(date +%T) stopping Redis"
redis-cli -p "$redis_port" shutdown nosave >/dev/null || true
sleep $(( duration / 3 ))
echo "$(date +%T) starting Redis again"
redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
  --logfile "$work/redis.log" --dir "$work"
wait "$publisher"
for pid in "${pids[@]:${#ports[@]}}"; do wait "$pid" || true; done

echo
printf '%-8s %-72s %10s %8s %s\n' server page requests req/s "status codes"
total_5xx=0
for report in "$work"/hey-*.txt; do
  name=$(basename "$report" .txt); port=${name#hey-}; port=${port%%-*}; page=${name#hey-$port-}
  requests=$(awk '/\[[0-9]+\][[:space:]]+[0-9]+ responses/ {gsub(/[][]/,"",$1); n+=$2} END {print n+0}' "$report")
  rps=$(awk '/Requests\/sec/ {print $2}' "$report")
  codes=$(awk '/\[[0-9]+\][[:space:]]+[0-9]+ responses/ {printf "%s×%s ", $1, $2}' "$report")
  fivexx=$(awk '/\[5[0-9][0-9]\][[:space:]]+[0-9]+ responses/ {n+=$2} END {print n+0}' "$report")
  errors=$(awk '/Error distribution/ {f=1; next} f && /\[/ {n+=$1; gsub(/\[|\]/,"",$1)} END {print n+0}' "$report")
  total_5xx=$(( total_5xx + fivexx ))
  printf '%-8s %-72s %10s %8s %s\n' "$port" "$(echo "$page" | tr '_' '/')" "$requests" "$rps" "$codes(errors: $errors)"
done
echo
echo "5xx responses: $total_5xx"
echo "Server logs: $work"
(( total_5xx == 0 ))
