-- Designed: the projects domain (table names as the guide lists them).
SELECT lg_revision('20251120_projects_domain',
  parents => '{20251115_skills_domain}',
  message => 'projects domain',
  up => $up$
CREATE TABLE project (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    name VARCHAR(255) NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'active' CHECK (status IN ('planned', 'active', 'on_hold', 'done', 'archived')),
    due_date DATE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_project_user_status ON project (user_id, status);
CREATE INDEX ix_project_user_due ON project (user_id, due_date) WHERE due_date IS NOT NULL;


CREATE TABLE project_task (
    id SERIAL PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    title VARCHAR(255) NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'blocked', 'done')),
    priority SMALLINT NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
    due_date DATE,
    completed_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_project_task_project ON project_task (project_id);
CREATE INDEX ix_project_task_project_priority ON project_task (project_id, priority);
CREATE INDEX ix_project_task_user_status ON project_task (user_id, status);
CREATE INDEX ix_project_task_user_due_open ON project_task (user_id, due_date) WHERE status <> 'done';


CREATE TABLE project_task_log (
    id SERIAL PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES project_task(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    logged_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    minutes INTEGER CHECK (minutes >= 0),
    note TEXT
);
CREATE INDEX ix_project_task_log_task ON project_task_log (task_id);
CREATE INDEX ix_project_task_log_user_time ON project_task_log (user_id, logged_at DESC);
$up$,
  down => $down$
DROP TABLE project_task_log;
DROP TABLE project_task;
DROP TABLE project;
$down$);
