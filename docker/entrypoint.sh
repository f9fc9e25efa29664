#!/bin/sh
# One image: silo (default), migrate (apply the schema and exit), client (the console client), probe URL (health check),
# dev-certs (a development CA and certificates for a TLS cluster on one machine).
set -e
command="${1:-silo}"
[ $# -gt 0 ] && shift
case "$command" in
  silo) exec dotnet /app/silo/Orleans.Betting.Silo.dll "$@" ;;
  migrate) exec dotnet /app/silo/Orleans.Betting.Silo.dll migrate "$@" ;;
  client) exec dotnet /app/client/Orleans.Betting.Client.dll "$@" ;;
  probe) exec dotnet /app/silo/Orleans.Betting.Silo.dll probe "$@" ;;
  dev-certs) exec dotnet /app/silo/Orleans.Betting.Silo.dll dev-certs "$@" ;;
  *) echo "usage: silo [options] | migrate [options] | client <command> [options] | probe [URL] | dev-certs --out DIR --silos A,B [--clients C]" >&2; exit 2 ;;
esac
