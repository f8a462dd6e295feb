/**
 * The password rule of the server, checked in the browser for early feedback:
 * at least 10 characters, at least 3 of {lower case, upper case, digit, symbol},
 * and the username must not appear in it (case-insensitive).
 */
export function passwordFollowsRule(password: string, username: string): boolean {
  if ([...password].length < 10) return false
  let classes = 0
  if (/[a-z]/.test(password)) classes++
  if (/[A-Z]/.test(password)) classes++
  if (/[0-9]/.test(password)) classes++
  if (/[^A-Za-z0-9]/.test(password)) classes++
  if (classes < 3) return false
  const u = username.trim().toLowerCase()
  if (u && password.toLowerCase().includes(u)) return false
  return true
}
