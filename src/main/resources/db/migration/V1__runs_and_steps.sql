-- The run archive: every finished run, one row, and its steps, one row each. The whole status is kept as a document
-- (status), the columns are what lists and filters query. Keys are the runs' uids: writing a run again (after a
-- crash between the commit and the Archived condition) replaces it, never duplicates it.
CREATE TABLE runs (
    uid          uuid        PRIMARY KEY,
    namespace    text        NOT NULL,
    name         text        NOT NULL,
    environment  text,
    target_kind  text        NOT NULL CHECK (target_kind IN ('DataJob', 'DataPipeline')),
    target_name  text        NOT NULL,
    revision     bigint,
    phase        text        NOT NULL,
    reason       text,
    message      text,
    trigger      text,
    retry_of     text,
    parameters   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL,
    started_at   timestamptz,
    finished_at  timestamptz NOT NULL,
    status       jsonb       NOT NULL,
    archived_at  timestamptz NOT NULL DEFAULT now()
);

-- Newest first, by keyset (finished_at, uid): a namespace's runs, a job's or pipeline's runs, an environment's runs.
CREATE INDEX runs_by_namespace ON runs (namespace, finished_at DESC, uid DESC);
CREATE INDEX runs_by_target ON runs (namespace, target_kind, target_name, finished_at DESC, uid DESC);
CREATE INDEX runs_by_environment ON runs (environment, finished_at DESC, uid DESC);
-- Retention deletes by age, per environment.
CREATE INDEX runs_by_age ON runs (finished_at);

CREATE TABLE steps (
    run_uid      uuid        NOT NULL REFERENCES runs (uid) ON DELETE CASCADE,
    position     integer     NOT NULL,
    name         text        NOT NULL,
    phase        text        NOT NULL,
    job          text,
    attempts     integer,
    exit_code    integer,
    reason       text,
    message      text,
    started_at   timestamptz,
    finished_at  timestamptz,
    revision     bigint,
    technology   text,
    version      text,
    image        text,
    results      jsonb,
    PRIMARY KEY (run_uid, name)
);
