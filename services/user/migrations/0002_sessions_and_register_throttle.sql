-- Registrations are throttled per client IP with the login throttle's table; a per-user session
-- epoch, carried in access tokens, lets a role or password change end the tokens issued before it.
alter table login_failures drop constraint login_failures_scope_check;
alter table login_failures add constraint login_failures_scope_check check (scope in ('account', 'ip', 'register'));
alter table users add column session_epoch integer not null default 0;
