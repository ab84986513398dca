-- wrk script: POSTs GetAppsInfo (SOAP 1.2) with a fresh WS-Security UsernameToken
-- (PasswordDigest = Base64(SHA-1(nonce + created + password)), a new 16-byte nonce per request),
-- so a device that enforces the ONVIF access policy and a replay cache answers every request.
-- Set USER and PASSWORD through the environment (LOAD_USER, LOAD_PASSWORD).
local bit = require("bit")
local band, bor, bxor, bnot, rol, tobit = bit.band, bit.bor, bit.bxor, bit.bnot, bit.rol, bit.tobit
local rshift, lshift = bit.rshift, bit.lshift
local char, byte, concat = string.char, string.byte, table.concat

local function be32(n)
  return char(band(rshift(n, 24), 255), band(rshift(n, 16), 255), band(rshift(n, 8), 255), band(n, 255))
end

local function sha1(message)
  local h0, h1, h2, h3, h4 = tobit(0x67452301), tobit(0xEFCDAB89), tobit(0x98BADCFE), tobit(0x10325476), tobit(0xC3D2E1F0)
  local length = #message
  message = message .. "\128" .. string.rep("\0", (55 - length) % 64) .. be32(0) .. be32(length * 8)
  local w = {}
  for chunk = 1, #message, 64 do
    for i = 0, 15 do
      local a, b, c, d = byte(message, chunk + 4 * i, chunk + 4 * i + 3)
      w[i] = bor(lshift(a, 24), lshift(b, 16), lshift(c, 8), d)
    end
    for i = 16, 79 do w[i] = rol(bxor(w[i - 3], w[i - 8], w[i - 14], w[i - 16]), 1) end
    local a, b, c, d, e = h0, h1, h2, h3, h4
    for i = 0, 79 do
      local f, k
      if i < 20 then f, k = bor(band(b, c), band(bnot(b), d)), 0x5A827999
      elseif i < 40 then f, k = bxor(b, c, d), 0x6ED9EBA1
      elseif i < 60 then f, k = bor(band(b, c), band(b, d), band(c, d)), 0x8F1BBCDC
      else f, k = bxor(b, c, d), 0xCA62C1D6 end
      local t = tobit(rol(a, 5) + f + e + k + w[i])
      e, d, c, b, a = d, c, rol(b, 30), a, t
    end
    h0, h1, h2, h3, h4 = tobit(h0 + a), tobit(h1 + b), tobit(h2 + c), tobit(h3 + d), tobit(h4 + e)
  end
  return be32(h0) .. be32(h1) .. be32(h2) .. be32(h3) .. be32(h4)
end

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local function base64(data)
  local out = {}
  for i = 1, #data, 3 do
    local a, b, c = byte(data, i, i + 2)
    local n = lshift(a, 16) + lshift(b or 0, 8) + (c or 0)
    local c1, c2, c3, c4 = band(rshift(n, 18), 63), band(rshift(n, 12), 63), band(rshift(n, 6), 63), band(n, 63)
    out[#out + 1] = alphabet:sub(c1 + 1, c1 + 1) .. alphabet:sub(c2 + 1, c2 + 1)
      .. (b and alphabet:sub(c3 + 1, c3 + 1) or "=") .. (c and alphabet:sub(c4 + 1, c4 + 1) or "=")
  end
  return concat(out)
end

-- Known answer (FIPS 180 "abc"), so a broken digest fails loudly instead of as 400s.
assert(base64(sha1("abc")) == "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=", "SHA-1 self-test failed")

local user = os.getenv("LOAD_USER") or "load"
local password = os.getenv("LOAD_PASSWORD") or "load-password"
local counter = 0
local threads = 0

-- Runs in the main state: gives every thread its own id, part of each nonce (so two threads
-- can never send the same nonce, whatever their random generators do).
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (thread_id or 0))
end

wrk.method = "POST"
wrk.headers["Content-Type"] = 'application/soap+xml; charset=utf-8; action="http://www.onvif.org/ver10/appmgmt/wsdl/GetAppsInfo"'

function request()
  counter = counter + 1
  local nonce = {}
  for i = 1, 8 do nonce[i] = char(math.random(0, 255)) end
  local raw = concat(nonce) .. be32(thread_id or 0) .. be32(counter) -- never repeated within a run
  local created = os.date("!%Y-%m-%dT%H:%M:%SZ")
  local digest = base64(sha1(raw .. created .. password))
  local body = '<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:ans="http://www.onvif.org/ver10/appmgmt/wsdl">'
    .. '<env:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">'
    .. '<wsse:UsernameToken><wsse:Username>' .. user .. '</wsse:Username>'
    .. '<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">' .. digest .. '</wsse:Password>'
    .. '<wsse:Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">' .. base64(raw) .. '</wsse:Nonce>'
    .. '<wsu:Created>' .. created .. '</wsu:Created></wsse:UsernameToken></wsse:Security></env:Header>'
    .. '<env:Body><ans:GetAppsInfo/></env:Body></env:Envelope>'
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("RESULT requests=%d req/s=%.0f p50=%.2fms p99=%.2fms errors=%d (connect %d, read %d, write %d, non-2xx %d, timeout %d)\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors, e.connect, e.read, e.write, e.status, e.timeout))
end
