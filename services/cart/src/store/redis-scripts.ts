// The Redis adapter's writes, each one Lua script: Redis runs a script alone, so the limits are
// checked against the cart as it is and no concurrent write can slip between check and change.
// A cart is one hash: field "@" holds the last change (ms), every other field is a line,
// "<quantity>:<selected 1|0>:<added price>:<currency>:<added at ms>" under its SKU id.
// Every script but merge takes KEYS[1] = the cart and ARGV[1..3] = now (ms), the guest TTL (ms, 0
// for a user's cart) and "1" when the cart must already exist (a guest cart); they answer
// {"OK", HGETALL} or {reason, ...}.

const prelude = `
local key = KEYS[1]
local now, ttl = ARGV[1], tonumber(ARGV[2])
local function done(k)
  redis.call('HSET', k, '@', now)
  if ttl > 0 then redis.call('PEXPIRE', k, ttl) end
  return {'OK', redis.call('HGETALL', k)}
end
local function lineCount(k)
  local n = redis.call('HLEN', k)
  if n > 0 then return n - 1 end
  return 0
end
if ARGV[3] == '1' and redis.call('EXISTS', key) == 0 then return {'CART_NOT_FOUND'} end
`;

/** ARGV[4..9]: SKU, quantity, cap, max lines, price, currency. */
export const addScript = `${prelude}
local sku, qty, cap = ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6])
local cur = redis.call('HGET', key, sku)
if cur then
  local q, rest = string.match(cur, '^(%d+)(:.*)$')
  q = tonumber(q)
  if q + qty > cap then return {'OVER', q} end
  redis.call('HSET', key, sku, (q + qty) .. rest)
else
  if lineCount(key) >= tonumber(ARGV[7]) then return {'FULL'} end
  if qty > cap then return {'OVER', 0} end
  -- Lines keep the order they were added in, even two within one millisecond: a new line is
  -- stamped after the cart's last change.
  now = math.max(tonumber(now), tonumber(redis.call('HGET', key, '@') or '0') + 1)
  redis.call('HSET', key, sku, qty .. ':1:' .. ARGV[8] .. ':' .. ARGV[9] .. ':' .. now)
end
return done(key)`;

/** ARGV[4..6]: SKU, quantity ("" keeps it), selected ("1", "0", "" keeps it). */
export const updateScript = `${prelude}
local cur = redis.call('HGET', key, ARGV[4])
if not cur then return {'LINE_NOT_FOUND'} end
local q, s, rest = string.match(cur, '^(%d+):(%d)(:.*)$')
if ARGV[5] ~= '' then q = ARGV[5] end
if ARGV[6] ~= '' then s = ARGV[6] end
redis.call('HSET', key, ARGV[4], q .. ':' .. s .. rest)
return done(key)`;

/** ARGV[4..]: the SKUs. */
export const removeScript = `${prelude}
if #ARGV >= 4 then redis.call('HDEL', key, unpack(ARGV, 4)) end
return done(key)`;

/** ARGV[4]: "1" or "0"; ARGV[5..]: the SKUs (none: every line). */
export const selectScript = `${prelude}
local fields = {}
if #ARGV >= 5 then
  for i = 5, #ARGV do fields[#fields + 1] = ARGV[i] end
else
  for _, f in ipairs(redis.call('HKEYS', key)) do
    if f ~= '@' then fields[#fields + 1] = f end
  end
end
for _, f in ipairs(fields) do
  local cur = redis.call('HGET', key, f)
  if cur then
    local q, rest = string.match(cur, '^(%d+):%d(:.*)$')
    redis.call('HSET', key, f, q .. ':' .. ARGV[4] .. rest)
  end
end
return done(key)`;

export const clearScript = `${prelude}
redis.call('DEL', key)
return done(key)`;

/**
 * KEYS[1] guest cart, KEYS[2] user's cart; ARGV: now, default cap, max lines, then SKU/cap pairs.
 * The rules of domain/merge.ts, in the same order (guest lines oldest first). Answers
 * {"OK", adjusted SKUs, HGETALL of the user's cart}.
 */
export const mergeScript = `
local guest, user, now = KEYS[1], KEYS[2], ARGV[1]
local defaultCap, maxLines = tonumber(ARGV[2]), tonumber(ARGV[3])
local caps = {}
for i = 4, #ARGV, 2 do caps[ARGV[i]] = tonumber(ARGV[i + 1]) end
local adjusted = {}
if redis.call('EXISTS', guest) == 1 then
  local flat = redis.call('HGETALL', guest)
  local lines = {}
  for i = 1, #flat, 2 do
    if flat[i] ~= '@' then
      local q, rest, at = string.match(flat[i + 1], '^(%d+)(:.*:(%d+))$')
      lines[#lines + 1] = { sku = flat[i], q = tonumber(q), rest = rest, at = tonumber(at) }
    end
  end
  table.sort(lines, function(a, b)
    if a.at ~= b.at then return a.at < b.at end
    return a.sku < b.sku
  end)
  local n = redis.call('HLEN', user)
  if n > 0 then n = n - 1 end
  for _, l in ipairs(lines) do
    local cap = caps[l.sku] or defaultCap
    local cur = redis.call('HGET', user, l.sku)
    if cur then
      local q, rest = string.match(cur, '^(%d+)(:.*)$')
      q = tonumber(q)
      local sum = q + l.q
      local kept = math.max(q, math.min(sum, cap))
      if kept < sum then adjusted[#adjusted + 1] = l.sku end
      redis.call('HSET', user, l.sku, kept .. rest)
    elseif n >= maxLines then
      adjusted[#adjusted + 1] = l.sku
    else
      local kept = math.max(1, math.min(l.q, cap))
      if kept ~= l.q then adjusted[#adjusted + 1] = l.sku end
      redis.call('HSET', user, l.sku, kept .. l.rest)
      n = n + 1
    end
  end
  redis.call('DEL', guest)
end
redis.call('HSET', user, '@', now)
return {'OK', adjusted, redis.call('HGETALL', user)}`;
