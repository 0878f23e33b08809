/* lg--0.1--0.2.sql: the trust boundary (issue 11).
 *
 * A fresh CREATE EXTENSION lg installs lg--0.1.sql and then this script:
 * there is one definition of every object, and an update from 0.1 is the
 * same path a fresh install takes.
 *
 * The script is in sections, one per concern; each keeps to its own
 * objects.
 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION lg UPDATE TO '0.2'" to load this file. \quit

-- == Section A: the registry changes only through lg ======================

-- == Section B: reviewed scripts, lexing and statements ====================

-- == Section C: the run lock ===============================================

-- == Section D: applied revisions, verify, integrity ========================

-- == End of sections =======================================================
