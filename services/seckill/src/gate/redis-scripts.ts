// The Redis gate's scripts: each runs atomically, so the checks and the change they guard are one
// step. Keys: the sale's hash (remaining, starts, ends in ms, ended), its holders (user → ticket),
// its returned tickets (a set), the list of won tickets waiting for the drainer.

/**
 * KEYS: sale, holders, won list. ARGV: now (ms), user id, ticket id, the won ticket (JSON).
 * Answers {outcome[, ticket id]}: WON, HELD, SOLD_OUT, NOT_STARTED, ENDED, MISSING.
 */
export const attemptScript = `
local s = redis.call('HMGET', KEYS[1], 'remaining', 'starts', 'ends', 'ended')
if not s[1] then return {'MISSING'} end
local now = tonumber(ARGV[1])
if s[4] == '1' or now >= tonumber(s[3]) then return {'ENDED'} end
if now < tonumber(s[2]) then return {'NOT_STARTED'} end
local held = redis.call('HGET', KEYS[2], ARGV[2])
if held then return {'HELD', held} end
local left = tonumber(s[1])
if left <= 0 then return {'SOLD_OUT'} end
redis.call('HSET', KEYS[1], 'remaining', left - 1)
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('LPUSH', KEYS[3], ARGV[4])
return {'WON', ARGV[3]}
`;

/**
 * KEYS: sale, holders, returned. ARGV: remaining, starts, ends, ended ("1"/"0"), expire at (ms),
 * the number of holders, then user id and ticket id pairs, then returned ticket ids. Does nothing
 * when the sale's hash exists (its counts are the live ones); answers 1 when it made the entry.
 */
export const loadScript = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  if ARGV[4] == '1' then redis.call('HSET', KEYS[1], 'ended', '1') end
  return 0
end
redis.call('DEL', KEYS[2], KEYS[3])
redis.call('HSET', KEYS[1], 'remaining', ARGV[1], 'starts', ARGV[2], 'ends', ARGV[3], 'ended', ARGV[4])
local n = tonumber(ARGV[6])
for i = 0, n - 1 do redis.call('HSET', KEYS[2], ARGV[7 + 2 * i], ARGV[8 + 2 * i]) end
for i = 7 + 2 * n, #ARGV do redis.call('SADD', KEYS[3], ARGV[i]) end
for i = 1, 3 do redis.call('PEXPIREAT', KEYS[i], ARGV[5]) end
return 1
`;

/** KEYS: sale, returned. ARGV: ticket id. The unit goes back once per ticket, and only to a sale the gate has. */
export const giveBackScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[1], 'remaining', 1)
return 1
`;

/** KEYS: sale. Ends a sale the gate has. */
export const endScript = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'ended', '1')
return 1
`;

/**
 * KEYS: won list, processing list. ARGV: at most this many. Moves the oldest won tickets to the
 * processing list in one step and answers them: a drainer that dies before writing them leaves them
 * there, and the next start writes them again.
 */
export const takeBatchScript = `
local items = redis.call('LRANGE', KEYS[1], -tonumber(ARGV[1]), -1)
if #items == 0 then return items end
redis.call('LTRIM', KEYS[1], 0, -#items - 1)
redis.call('LPUSH', KEYS[2], unpack(items))
return items
`;
