-- Neutrality: a counsellor may name a provider they are affiliated with (employed by,
-- on its board …). A referral to it then needs a written reason, which is audited.
alter table counsellors add column affiliated_provider_id bigint references providers (id) on delete set null;
