-- The planning role (issue 20): planners of the education office read aggregate reports
-- at /planung and nothing that names a person. Invited by an admin like counsellors; a
-- second factor is mandatory (app/auth/permissions.ts, secondFactorMandatory).
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('citizen', 'provider', 'counsellor', 'admin', 'planner'));

alter table invitations drop constraint invitations_role_check;
alter table invitations add constraint invitations_role_check
  check (role in ('counsellor', 'admin', 'provider', 'planner'));
