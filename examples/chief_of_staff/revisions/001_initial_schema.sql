-- 001_initial_schema.sql: the complete schema of the 7 domains.  The guide
-- gives its inventory (7 schemas, 30 tables, 12 enums, 80+ indexes, 3 views,
-- 5 helper functions, updated_at triggers, a schema_migrations table) but not
-- its DDL: every table, column, enum and view below is designed from that
-- inventory and the guide's queries (core.workspaces, core.members with a
-- role, core.founders(workspace_id, user_id, display_name, email), ...).
-- Every table carries workspace_id, the key of tenant isolation in 002.
-- Idempotent, as the guide's migrations are: IF NOT EXISTS, DO blocks that
-- swallow duplicate_object, CREATE OR REPLACE, ON CONFLICT DO NOTHING.
-- The embedding columns and IVFFlat indexes are in 001_vector_embeddings.
SELECT lg_revision('001_initial_schema',
  parents => '{000_supabase_auth_stub}',
  message => 'initial schema: 7 domains, 30 tables, enums, views, helpers, updated_at triggers',
  up => $up$
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE EXTENSION IF NOT EXISTS "pgcrypto";

CREATE SCHEMA IF NOT EXISTS core;
CREATE SCHEMA IF NOT EXISTS ops;
CREATE SCHEMA IF NOT EXISTS comms;
CREATE SCHEMA IF NOT EXISTS meetings;
CREATE SCHEMA IF NOT EXISTS media;
CREATE SCHEMA IF NOT EXISTS work;
CREATE SCHEMA IF NOT EXISTS intel;

-- Migration tracking, as the guide has it (lg.version is what lg itself uses)
CREATE TABLE IF NOT EXISTS public.schema_migrations (
  version     text PRIMARY KEY,
  description text,
  applied_at  timestamptz NOT NULL DEFAULT now()
);

-- 12 enum types ---------------------------------------------------------------
DO $$ BEGIN
  CREATE TYPE core.role_type AS ENUM ('owner', 'admin', 'member', 'viewer', 'service');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE TYPE core.relationship_stage AS ENUM ('lead', 'prospect', 'customer', 'partner', 'investor', 'advisor', 'other');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE TYPE ops.task_status AS ENUM ('todo', 'in_progress', 'blocked', 'done', 'cancelled');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE TYPE ops.priority_level AS ENUM ('low', 'medium', 'high', 'urgent');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE TYPE ops.goal_status AS ENUM ('draft', 'active', 'achieved', 'abandoned');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE TYPE comms.channel_type AS ENUM ('email', 'slack', 'sms', 'whatsapp', 'linkedin', 'other');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE TYPE comms.direction AS ENUM ('inbound', 'outbound');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE TYPE meetings.meeting_status AS ENUM ('scheduled', 'in_progress', 'completed', 'cancelled');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE TYPE media.media_type AS ENUM ('audio', 'video', 'image', 'document');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE TYPE media.processing_status AS ENUM ('pending', 'processing', 'ready', 'failed');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE TYPE work.document_status AS ENUM ('draft', 'review', 'published', 'archived');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE TYPE intel.insight_type AS ENUM ('risk', 'opportunity', 'trend', 'recommendation', 'summary');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- core: workspaces, members, founders, organizations, contacts, events ---------
CREATE TABLE IF NOT EXISTS core.workspaces (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name       text NOT NULL CHECK (length(btrim(name)) > 0),
  slug       text UNIQUE,
  settings   jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_by uuid DEFAULT auth.uid(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS core.members (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  user_id      uuid NOT NULL,
  role         core.role_type NOT NULL DEFAULT 'member',
  invited_by   uuid,
  joined_at    timestamptz NOT NULL DEFAULT now(),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, user_id)
);
CREATE TABLE IF NOT EXISTS core.founders (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  user_id      uuid NOT NULL,
  display_name text NOT NULL,
  email        text NOT NULL CHECK (email LIKE '%_@_%'),
  timezone     text NOT NULL DEFAULT 'UTC',
  preferences  jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, user_id)
);
CREATE TABLE IF NOT EXISTS core.organizations (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  name         text NOT NULL,
  domain       text,
  industry     text,
  metadata     jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS core.contacts (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id      uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  organization_id   uuid REFERENCES core.organizations(id) ON DELETE SET NULL,
  full_name         text NOT NULL,
  email             text,
  phone             text,
  title             text,
  stage             core.relationship_stage NOT NULL DEFAULT 'other',
  tags              text[] NOT NULL DEFAULT '{}',
  metadata          jsonb NOT NULL DEFAULT '{}'::jsonb,
  last_contacted_at timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS core.events (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id   uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  event_type     text NOT NULL,
  aggregate_type text NOT NULL,
  aggregate_id   uuid,
  actor_id       uuid,
  payload        jsonb NOT NULL DEFAULT '{}'::jsonb,
  occurred_at    timestamptz NOT NULL DEFAULT now()
);

-- ops: goals, projects, tasks, decisions, automations --------------------------
CREATE TABLE IF NOT EXISTS ops.goals (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  founder_id   uuid REFERENCES core.founders(id) ON DELETE SET NULL,
  title        text NOT NULL,
  description  text,
  status       ops.goal_status NOT NULL DEFAULT 'draft',
  target_date  date,
  progress     numeric(5, 2) NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS ops.projects (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  goal_id      uuid REFERENCES ops.goals(id) ON DELETE SET NULL,
  name         text NOT NULL,
  description  text,
  status       ops.task_status NOT NULL DEFAULT 'todo',
  priority     ops.priority_level NOT NULL DEFAULT 'medium',
  start_date   date,
  due_date     date,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (due_date IS NULL OR start_date IS NULL OR due_date >= start_date)
);
CREATE TABLE IF NOT EXISTS ops.tasks (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  project_id   uuid REFERENCES ops.projects(id) ON DELETE CASCADE,
  assignee_id  uuid,
  title        text NOT NULL,
  description  text,
  status       ops.task_status NOT NULL DEFAULT 'todo',
  priority     ops.priority_level NOT NULL DEFAULT 'medium',
  source       text,
  due_at       timestamptz,
  completed_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'done' OR completed_at IS NULL)
);
CREATE TABLE IF NOT EXISTS ops.decisions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  project_id   uuid REFERENCES ops.projects(id) ON DELETE SET NULL,
  title        text NOT NULL,
  context      text,
  decision     text NOT NULL,
  rationale    text,
  decided_by   uuid,
  decided_at   timestamptz NOT NULL DEFAULT now(),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS ops.automations (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  name         text NOT NULL,
  trigger_type text NOT NULL CHECK (trigger_type IN ('schedule', 'event', 'webhook', 'manual')),
  config       jsonb NOT NULL DEFAULT '{}'::jsonb,
  is_enabled   boolean NOT NULL DEFAULT true,
  last_run_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- comms: channels, threads, communications, attachments ------------------------
CREATE TABLE IF NOT EXISTS comms.channels (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  channel_type comms.channel_type NOT NULL,
  name         text NOT NULL,
  external_id  text,
  config       jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, channel_type, external_id)
);
CREATE TABLE IF NOT EXISTS comms.threads (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id       uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  channel_id         uuid NOT NULL REFERENCES comms.channels(id) ON DELETE CASCADE,
  subject            text,
  external_thread_id text,
  last_message_at    timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS comms.communications (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  channel_id   uuid REFERENCES comms.channels(id) ON DELETE SET NULL,
  thread_id    uuid REFERENCES comms.threads(id) ON DELETE SET NULL,
  contact_id   uuid REFERENCES core.contacts(id) ON DELETE SET NULL,
  direction    comms.direction NOT NULL,
  subject      text,
  body         text,
  sent_at      timestamptz NOT NULL DEFAULT now(),
  metadata     jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS comms.attachments (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id     uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  communication_id uuid NOT NULL REFERENCES comms.communications(id) ON DELETE CASCADE,
  file_name        text NOT NULL,
  mime_type        text,
  size_bytes       bigint CHECK (size_bytes >= 0),
  storage_path     text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- meetings: meetings, participants, transcripts, transcript_chunks, action_items
CREATE TABLE IF NOT EXISTS meetings.meetings (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id         uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  title                text NOT NULL,
  status               meetings.meeting_status NOT NULL DEFAULT 'scheduled',
  starts_at            timestamptz NOT NULL,
  ends_at              timestamptz,
  location             text,
  external_calendar_id text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at IS NULL OR ends_at >= starts_at)
);
CREATE TABLE IF NOT EXISTS meetings.participants (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  meeting_id   uuid NOT NULL REFERENCES meetings.meetings(id) ON DELETE CASCADE,
  contact_id   uuid REFERENCES core.contacts(id) ON DELETE SET NULL,
  user_id      uuid,
  display_name text NOT NULL,
  is_organizer boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (meeting_id, contact_id)
);
CREATE TABLE IF NOT EXISTS meetings.transcripts (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id     uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  meeting_id       uuid NOT NULL REFERENCES meetings.meetings(id) ON DELETE CASCADE,
  language         text NOT NULL DEFAULT 'en',
  full_text        text,
  duration_seconds integer CHECK (duration_seconds >= 0),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS meetings.transcript_chunks (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  transcript_id uuid NOT NULL REFERENCES meetings.transcripts(id) ON DELETE CASCADE,
  chunk_index   integer NOT NULL CHECK (chunk_index >= 0),
  speaker       text,
  content       text NOT NULL,
  start_seconds numeric(10, 2),
  end_seconds   numeric(10, 2),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (transcript_id, chunk_index)
);
CREATE TABLE IF NOT EXISTS meetings.action_items (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id     uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  meeting_id       uuid NOT NULL REFERENCES meetings.meetings(id) ON DELETE CASCADE,
  task_id          uuid REFERENCES ops.tasks(id) ON DELETE SET NULL,
  owner_contact_id uuid REFERENCES core.contacts(id) ON DELETE SET NULL,
  description      text NOT NULL,
  status           ops.task_status NOT NULL DEFAULT 'todo',
  due_at           timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- media: media_assets, media_chunks, tags ---------------------------------------
CREATE TABLE IF NOT EXISTS media.media_assets (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id     uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  media_type       media.media_type NOT NULL,
  title            text NOT NULL,
  storage_path     text NOT NULL,
  mime_type        text,
  duration_seconds integer CHECK (duration_seconds >= 0),
  size_bytes       bigint CHECK (size_bytes >= 0),
  status           media.processing_status NOT NULL DEFAULT 'pending',
  metadata         jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS media.media_chunks (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  asset_id      uuid NOT NULL REFERENCES media.media_assets(id) ON DELETE CASCADE,
  chunk_index   integer NOT NULL CHECK (chunk_index >= 0),
  content       text NOT NULL,
  start_seconds numeric(10, 2),
  end_seconds   numeric(10, 2),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (asset_id, chunk_index)
);
CREATE TABLE IF NOT EXISTS media.tags (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  asset_id     uuid NOT NULL REFERENCES media.media_assets(id) ON DELETE CASCADE,
  tag          text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (asset_id, tag)
);

-- work: documents, notes, reports, workflows ------------------------------------
CREATE TABLE IF NOT EXISTS work.documents (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  project_id   uuid REFERENCES ops.projects(id) ON DELETE SET NULL,
  author_id    uuid,
  title        text NOT NULL,
  content      text,
  status       work.document_status NOT NULL DEFAULT 'draft',
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS work.notes (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  document_id  uuid REFERENCES work.documents(id) ON DELETE SET NULL,
  meeting_id   uuid REFERENCES meetings.meetings(id) ON DELETE SET NULL,
  body         text NOT NULL,
  pinned       boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS work.reports (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  report_type  text NOT NULL,
  period_start date NOT NULL,
  period_end   date NOT NULL,
  content      jsonb NOT NULL DEFAULT '{}'::jsonb,
  generated_at timestamptz NOT NULL DEFAULT now(),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (period_end >= period_start)
);
CREATE TABLE IF NOT EXISTS work.workflows (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  name         text NOT NULL,
  definition   jsonb NOT NULL DEFAULT '{}'::jsonb,
  is_active    boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- intel: insights, briefings, signals -------------------------------------------
CREATE TABLE IF NOT EXISTS intel.insights (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  insight_type intel.insight_type NOT NULL,
  title        text NOT NULL,
  summary      text,
  confidence   numeric(3, 2) CHECK (confidence BETWEEN 0 AND 1),
  source_refs  jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS intel.briefings (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  founder_id    uuid REFERENCES core.founders(id) ON DELETE SET NULL,
  briefing_date date NOT NULL DEFAULT current_date,
  content       jsonb NOT NULL DEFAULT '{}'::jsonb,
  delivered_at  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, founder_id, briefing_date)
);
CREATE TABLE IF NOT EXISTS intel.signals (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES core.workspaces(id) ON DELETE CASCADE,
  signal_type  text NOT NULL,
  source       text NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
  strength     numeric(3, 2) CHECK (strength BETWEEN 0 AND 1),
  detected_at  timestamptz NOT NULL DEFAULT now(),
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- Indexes ------------------------------------------------------------------------
-- workspace_id on every table (tenant filter of every RLS policy): one index each
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.table_schema, c.table_name
             FROM information_schema.columns c
             JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE c.column_name = 'workspace_id' AND t.table_type = 'BASE TABLE'
              AND c.table_schema IN ('core', 'ops', 'comms', 'meetings', 'media', 'work', 'intel')
            ORDER BY 1, 2
  LOOP
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I.%I (workspace_id)',
                   'idx_' || r.table_name || '_workspace', r.table_schema, r.table_name);
  END LOOP;
END $$;
CREATE INDEX IF NOT EXISTS idx_members_user ON core.members (user_id);
CREATE INDEX IF NOT EXISTS idx_founders_user ON core.founders (user_id);
CREATE INDEX IF NOT EXISTS idx_contacts_email ON core.contacts (workspace_id, lower(email)) WHERE email IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_contacts_organization ON core.contacts (organization_id) WHERE organization_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_contacts_tags ON core.contacts USING gin (tags);
CREATE INDEX IF NOT EXISTS idx_contacts_metadata ON core.contacts USING gin (metadata jsonb_path_ops);
CREATE INDEX IF NOT EXISTS idx_events_workspace_time ON core.events (workspace_id, occurred_at DESC);
CREATE INDEX IF NOT EXISTS idx_events_aggregate ON core.events (aggregate_type, aggregate_id);
CREATE INDEX IF NOT EXISTS idx_goals_status ON ops.goals (workspace_id, status);
CREATE INDEX IF NOT EXISTS idx_projects_status ON ops.projects (workspace_id, status);
CREATE INDEX IF NOT EXISTS idx_tasks_status_due ON ops.tasks (workspace_id, status, due_at);
CREATE INDEX IF NOT EXISTS idx_tasks_project ON ops.tasks (project_id);
CREATE INDEX IF NOT EXISTS idx_tasks_assignee ON ops.tasks (assignee_id) WHERE assignee_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_threads_channel ON comms.threads (channel_id, last_message_at DESC);
CREATE INDEX IF NOT EXISTS idx_comms_thread ON comms.communications (thread_id);
CREATE INDEX IF NOT EXISTS idx_comms_contact ON comms.communications (contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_comms_sent ON comms.communications (workspace_id, sent_at DESC);
CREATE INDEX IF NOT EXISTS idx_comms_metadata ON comms.communications USING gin (metadata);
CREATE INDEX IF NOT EXISTS idx_meetings_starts ON meetings.meetings (workspace_id, starts_at);
CREATE INDEX IF NOT EXISTS idx_transcripts_meeting ON meetings.transcripts (meeting_id);
CREATE INDEX IF NOT EXISTS idx_action_items_meeting ON meetings.action_items (meeting_id);
CREATE INDEX IF NOT EXISTS idx_media_assets_pending ON media.media_assets (created_at) WHERE status IN ('pending', 'processing');
CREATE INDEX IF NOT EXISTS idx_tags_tag ON media.tags (workspace_id, tag);
CREATE INDEX IF NOT EXISTS idx_documents_project ON work.documents (project_id) WHERE project_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_insights_type ON intel.insights (workspace_id, insight_type);
CREATE INDEX IF NOT EXISTS idx_signals_detected ON intel.signals (workspace_id, detected_at DESC);

-- 5 helper functions ---------------------------------------------------------------
CREATE OR REPLACE FUNCTION core.set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$fn$;

CREATE OR REPLACE FUNCTION core.normalize_email(email text) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT nullif(lower(btrim(email)), '')
$fn$;

CREATE OR REPLACE FUNCTION core.log_event(p_workspace_id uuid, p_event_type text, p_aggregate_type text,
                                          p_aggregate_id uuid, p_payload jsonb DEFAULT '{}'::jsonb)
RETURNS uuid LANGUAGE sql AS $fn$
  INSERT INTO core.events (workspace_id, event_type, aggregate_type, aggregate_id, actor_id, payload)
  VALUES (p_workspace_id, p_event_type, p_aggregate_type, p_aggregate_id, auth.uid(), coalesce(p_payload, '{}'::jsonb))
  RETURNING id
$fn$;

CREATE OR REPLACE FUNCTION core.workspace_member_count(p_workspace_id uuid) RETURNS integer
LANGUAGE sql STABLE AS $fn$
  SELECT count(*)::integer FROM core.members WHERE workspace_id = p_workspace_id
$fn$;

CREATE OR REPLACE FUNCTION ops.task_is_overdue(p_due_at timestamptz, p_status ops.task_status) RETURNS boolean
LANGUAGE sql STABLE AS $fn$
  SELECT p_due_at IS NOT NULL AND p_due_at < now() AND p_status NOT IN ('done', 'cancelled')
$fn$;

-- updated_at triggers on every table that has the column ------------------------------
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.table_schema, c.table_name
             FROM information_schema.columns c
             JOIN information_schema.tables t USING (table_schema, table_name)
            WHERE c.column_name = 'updated_at' AND t.table_type = 'BASE TABLE'
              AND c.table_schema IN ('core', 'ops', 'comms', 'meetings', 'media', 'work', 'intel')
  LOOP
    EXECUTE format('CREATE OR REPLACE TRIGGER %I BEFORE UPDATE ON %I.%I '
                   'FOR EACH ROW EXECUTE FUNCTION core.set_updated_at()',
                   'trg_' || r.table_name || '_updated_at', r.table_schema, r.table_name);
  END LOOP;
END $$;

-- 3 utility views (security_invoker: they obey the caller's RLS, not the owner's) ------
CREATE OR REPLACE VIEW core.workspace_overview WITH (security_invoker = true) AS
SELECT w.id, w.name,
       (SELECT count(*) FROM core.members m WHERE m.workspace_id = w.id) AS member_count,
       (SELECT count(*) FROM core.contacts c WHERE c.workspace_id = w.id) AS contact_count,
       (SELECT count(*) FROM ops.tasks t WHERE t.workspace_id = w.id AND t.status NOT IN ('done', 'cancelled')) AS open_task_count,
       w.created_at
  FROM core.workspaces w;

CREATE OR REPLACE VIEW ops.open_tasks WITH (security_invoker = true) AS
SELECT t.id, t.workspace_id, t.project_id, t.title, t.status, t.priority, t.due_at,
       ops.task_is_overdue(t.due_at, t.status) AS is_overdue
  FROM ops.tasks t
 WHERE t.status NOT IN ('done', 'cancelled');

CREATE OR REPLACE VIEW meetings.upcoming_meetings WITH (security_invoker = true) AS
SELECT m.id, m.workspace_id, m.title, m.starts_at, m.ends_at, m.location,
       (SELECT count(*) FROM meetings.participants p WHERE p.meeting_id = m.id) AS participant_count
  FROM meetings.meetings m
 WHERE m.starts_at >= now() AND m.status = 'scheduled';

INSERT INTO public.schema_migrations (version, description)
VALUES ('001', 'initial schema') ON CONFLICT (version) DO NOTHING;
$up$,
  -- The guide's rollback (schemas dropped with CASCADE, extensions kept:
  -- "only if not used elsewhere"), plus the schema_migrations table this
  -- revision created, once its last row is gone.
  down => $down$
DROP SCHEMA IF EXISTS intel CASCADE;
DROP SCHEMA IF EXISTS work CASCADE;
DROP SCHEMA IF EXISTS media CASCADE;
DROP SCHEMA IF EXISTS meetings CASCADE;
DROP SCHEMA IF EXISTS comms CASCADE;
DROP SCHEMA IF EXISTS ops CASCADE;
DROP SCHEMA IF EXISTS core CASCADE;

-- DROP EXTENSION IF EXISTS vector;
-- DROP EXTENSION IF EXISTS pgcrypto;
-- DROP EXTENSION IF EXISTS "uuid-ossp";

DELETE FROM public.schema_migrations WHERE version = '001';
DROP TABLE public.schema_migrations;
$down$);
