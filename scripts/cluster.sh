# Sourced by the scripts that create a throwaway cluster: every cluster is
# UTF8 with the C.UTF-8 locale (always present on Debian), whatever
# LANG/LC_* say (unset, C, or a locale that is not installed); without
# this, initdb on a machine with no locale makes a SQL_ASCII cluster.
LG_CLUSTER_OPTS=(-i '--encoding=UTF8 --locale=C.UTF-8')
