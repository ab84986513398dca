-- Sends one signed GetAppsInfo (see getappsinfo-wssecurity.lua) and writes the response body
-- to ./response.xml, for the bare route of scripts/load.sh.
dofile((os.getenv("LOAD_LUA_DIR") or "scripts/load") .. "/getappsinfo-wssecurity.lua")
local written = false
response = function(status, headers, body)
  if not written and status == 200 and body then
    written = true
    local file = io.open("response.xml", "wb")
    file:write(body)
    file:close()
  end
  wrk.thread:stop()
end
