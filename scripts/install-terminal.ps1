<#
.SYNOPSIS
  Installs the Kiosk terminal on a Windows kiosk PC: the terminal as a Windows service under a restricted
  virtual account, and Microsoft Edge in full-screen kiosk mode on the local kiosk UI at logon.

.EXAMPLE
  # From a clone of the repository, in an elevated PowerShell:
  scripts\install-terminal.ps1 -ServerUrl https://kiosk.example.org -EnrolmentCode ABCDE-FGHJK -PrinterHost 10.0.0.7 -StaffPin 2468

.EXAMPLE
  # The plan only: every step the script would take, with the enrolment code and staff PIN masked; changes nothing,
  # needs no elevation and runs on any machine with PowerShell 7 (pwsh), also Linux.
  pwsh scripts/install-terminal.ps1 -ServerUrl https://kiosk.example.org -EnrolmentCode ABCDE-FGHJK -PrinterHost 10.0.0.7 -WhatIf

.NOTES
  Run again to update: the data folder (roster copy, outbox, terminal key) is kept. The enrolment code
  is used on the first start only; afterwards the key in the data folder identifies the terminal.
  Works in Windows PowerShell 5.1 and PowerShell 7.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
  [Parameter(Mandatory)] [string] $ServerUrl,
  # One-time code from the organizer (POST /api/events/{id}/terminals), e.g. ABCDE-FGHJK.
  [string] $EnrolmentCode,
  # 4-12 digits staff type on the kiosk's out-of-order screen to re-enrol it or export unsent scans.
  [string] $StaffPin,
  [ValidateSet('lobby', 'room-entrance', 'room-exit', 'room-toggle')] [string] $Mode = 'lobby',
  # In the room modes: the room whose door this kiosk is (GET /api/events/{id}/rooms).
  [int] $RoomId,
  [ValidateSet('Virtual', 'Network', 'Serial', 'Device')] [string] $PrinterKind = 'Network',
  [string] $PrinterHost,
  [ValidateRange(1, 65535)] [int] $PrinterPort = 9100,
  [string] $SerialPort,
  [string] $DevicePath,
  # A barcode scanner in serial mode (USB-COM), e.g. COM4; without it the scanner is a keyboard wedge.
  [string] $ScannerPort,
  # Default: %ProgramFiles%\Kiosk.Terminal and %ProgramData%\Kiosk.Terminal (also shown so in a plan made off Windows).
  [string] $InstallDir,
  [string] $DataDir,
  # The Windows user that sees the kiosk screen; Edge starts for this user at logon.
  [string] $KioskUser = 'Kiosk',
  # A folder with an already published terminal (dotnet publish output); otherwise it is published from this clone.
  [string] $PublishedDir
)
$ErrorActionPreference = 'Stop'
$service = 'Kiosk.Terminal'
$account = "NT SERVICE\$service"   # virtual account: no password, no rights beyond what is granted here
$localUrl = 'http://127.0.0.1:5180'
# Windows PowerShell 5.1 has no $IsWindows; it only runs on Windows.
$onWindows = $PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows
$planOnly = [bool]$WhatIfPreference
if (-not $InstallDir) { $InstallDir = $(if ($env:ProgramFiles) { $env:ProgramFiles } else { 'C:\Program Files' }) + '\Kiosk.Terminal' }
if (-not $DataDir) { $DataDir = $(if ($env:ProgramData) { $env:ProgramData } else { 'C:\ProgramData' }) + '\Kiosk.Terminal' }

# --- Checks first: a wrong parameter stops the script before anything on the machine has changed. ---
$uri = $null
if (-not [Uri]::TryCreate($ServerUrl, [UriKind]::Absolute, [ref]$uri) -or
    -not ($uri.Scheme -eq 'https' -or ($uri.Scheme -eq 'http' -and $uri.IsLoopback))) {
  # The terminal key goes with every request: over plain http anyone on the venue network could take it.
  throw "-ServerUrl must be an https:// address (plain http only for a server on this PC, e.g. http://localhost:5080); got '$ServerUrl'."
}
if ($EnrolmentCode) {
  # Same alphabet and normalisation as the server (Secrets.NewEnrolmentCode / NormaliseCode): case, spaces and dashes do not matter.
  $plain = ($EnrolmentCode -replace '[\s-]', '').ToUpperInvariant()
  if ($plain -notmatch '^[2-9ABCDEFGHJKMNPQRSTUVWXYZ]{10}$') {
    throw '-EnrolmentCode must look like ABCDE-FGHJK: 10 letters and digits as the organizer got them (no I, L, O, 0 or 1).'
  }
  $EnrolmentCode = $plain.Substring(0, 5) + '-' + $plain.Substring(5)
}
if ($StaffPin -and $StaffPin -notmatch '^[0-9]{4,12}$') { throw '-StaffPin must be 4 to 12 digits.' }
if ($Mode -ne 'lobby' -and $RoomId -le 0) { throw "-RoomId is required in mode '$Mode' (the room whose door this kiosk is)." }
if ($PrinterKind -eq 'Network' -and -not $PrinterHost) { throw '-PrinterHost is required for a network printer (or use -PrinterKind Virtual).' }
if ($PrinterKind -eq 'Serial' -and -not $SerialPort) { throw '-SerialPort is required for a serial printer.' }
if ($PrinterKind -eq 'Device' -and -not $DevicePath) { throw '-DevicePath is required for a device printer.' }

if (-not $planOnly -and -not $onWindows) { throw 'The kiosk terminal installs on Windows only; elsewhere run with -WhatIf to see the plan.' }

$edgeCandidates = @("${env:ProgramFiles(x86)}\Microsoft\Edge\Application\msedge.exe", "$env:ProgramFiles\Microsoft\Edge\Application\msedge.exe")
$edge = $edgeCandidates | Where-Object { $onWindows -and (Test-Path $_) } | Select-Object -First 1
if (-not $edge) {
  if (-not $planOnly) { throw 'Microsoft Edge was not found.' }
  Write-Warning 'Microsoft Edge was not found on this machine; a real install would stop here.'
  $edge = 'msedge.exe'
}
if (-not $planOnly -and -not ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  throw 'Run this script in an elevated PowerShell (as administrator).'
}

# What the plan shows of a secret: enough to tell which code it is, not enough to use it.
function Hide([string] $secret, [int] $shown) {
  if (-not $secret) { return '(not set)' }
  $secret.Substring(0, $shown) + ($secret.Substring($shown) -replace '[^-]', '*')
}
# Under -WhatIf each step prints "What if: <description>" and is skipped; otherwise it runs.
function Step([string] $description) { $PSCmdlet.ShouldProcess($description, $description, 'Install the kiosk terminal') }

# Only the printer keys the chosen kind reads, so no empty values reach the terminal.
$printer = [ordered]@{ Kind = $PrinterKind }
switch ($PrinterKind) {
  'Network' { $printer.Host = $PrinterHost; $printer.Port = $PrinterPort }
  'Serial'  { $printer.SerialPort = $SerialPort }
  'Device'  { $printer.DevicePath = $DevicePath }
}
$terminal = [ordered]@{ Mode = $Mode; DataDirectory = $DataDir; Urls = $localUrl }
if ($RoomId -gt 0) { $terminal.RoomId = $RoomId }
$settings = [ordered]@{ Server = [ordered]@{ Url = $ServerUrl }; Terminal = $terminal; Printer = $printer }
if ($ScannerPort) { $settings.Scanner = [ordered]@{ SerialPort = $ScannerPort } }
# Not Join-Path: it insists the drive exists, and a plan made off Windows shows Windows paths.
function Within([string] $folder, [string] $name) {
  $separator = if ($folder -match '^[A-Za-z]:\\|^\\\\') { '\' } else { [IO.Path]::DirectorySeparatorChar }
  $folder.TrimEnd('\', '/') + $separator + $name
}
$configFile = Within $InstallDir 'appsettings.Production.json'
$exe = Within $InstallDir 'Kiosk.Terminal.exe'
$edgeArguments = "--kiosk $localUrl/ --edge-kiosk-type=fullscreen --no-first-run --disable-pinch --overscroll-history-navigation=0 --kiosk-idle-timeout-minutes=0"

# A folder or file readable and writable only by the given principals: no inherited rights, so Users and the kiosk user get none.
function Protect([string] $path, [string[]] $full, [string] $serviceRight) {
  $acl = if (Test-Path $path -PathType Container) { New-Object Security.AccessControl.DirectorySecurity } else { New-Object Security.AccessControl.FileSecurity }
  $inherit = if ($acl -is [Security.AccessControl.DirectorySecurity]) { 'ContainerInherit,ObjectInherit' } else { 'None' }
  $acl.SetAccessRuleProtection($true, $false)
  foreach ($who in $full) {
    $acl.AddAccessRule((New-Object Security.AccessControl.FileSystemAccessRule($who, 'FullControl', $inherit, 'None', 'Allow')))
  }
  $acl.AddAccessRule((New-Object Security.AccessControl.FileSystemAccessRule($account, $serviceRight, $inherit, 'None', 'Allow')))
  Set-Acl -Path $path -AclObject $acl
}
$admins = @('NT AUTHORITY\SYSTEM', 'BUILTIN\Administrators')

# 1. Stop an older installation, then publish or copy the binaries.
$existing = if ($onWindows) { Get-Service $service -ErrorAction SilentlyContinue }
if ((Step "Stop the service '$service' if it is installed (update: the data folder is kept)") -and $existing) {
  Stop-Service $service -Force
}
if (Step "Create the program folder $InstallDir") { New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null }
if ($PublishedDir) {
  if (Step "Copy the published terminal from $PublishedDir to $InstallDir") {
    Copy-Item -Recurse -Force (Join-Path $PublishedDir '*') $InstallDir
  }
} else {
  $project = Join-Path (Split-Path -Parent $PSScriptRoot) 'Kiosk.Terminal'
  if (Step "Publish the terminal: dotnet publish $project -c Release -r win-x64 --self-contained true -o $InstallDir") {
    dotnet publish $project -c Release -r win-x64 --self-contained true -o $InstallDir
    if ($LASTEXITCODE -ne 0) { throw 'dotnet publish failed.' }
  }
}

# 2. The service, under its virtual account, restarted by Windows if it ever stops. Installed before the ACLs below:
#    the account NT SERVICE\Kiosk.Terminal exists (can be named in an ACL) only once its service does. Started last.
if (Step "Install (or update) the service '$service' (display name 'Kiosk Terminal', start automatic) running `"$exe`" as $account; on failure restart after 5 s, 5 s, 30 s") {
  if (-not $existing) {
    New-Service -Name $service -BinaryPathName "`"$exe`"" -DisplayName 'Kiosk Terminal' -StartupType Automatic `
      -Description 'Self check-in and badge printing for the venue kiosk.' | Out-Null
  }
  sc.exe config $service obj= $account | Out-Null
  if ($LASTEXITCODE -ne 0) { throw "sc.exe config $service failed ($LASTEXITCODE)." }
  sc.exe failure $service reset= 86400 actions= restart/5000/restart/5000/restart/30000 | Out-Null
  if ($LASTEXITCODE -ne 0) { throw "sc.exe failure $service failed ($LASTEXITCODE)." }
}
# 3. The data folder: roster copy (personal data), outbox, terminal key. Only the service (and administrators) may
#    touch it; the service gets Modify, not FullControl, so it cannot hand its rights to anyone else.
if (Step "Create the data folder $DataDir; ACL without inherited rights: NT AUTHORITY\SYSTEM and BUILTIN\Administrators FullControl, $account Modify, Users and '$KioskUser' no access") {
  New-Item -ItemType Directory -Force -Path $DataDir | Out-Null
  Protect $DataDir $admins 'Modify'
}

# 4. Configuration next to the binaries (the service's content root). It holds the enrolment code and staff PIN, so
#    it is made unreadable for Users before anything is written into it.
$shown = [ordered]@{ Server = $settings.Server; Terminal = [ordered]@{}; Printer = $printer }
if ($settings.Scanner) { $shown.Scanner = $settings.Scanner }
foreach ($key in $terminal.Keys) { $shown.Terminal[$key] = $terminal[$key] }
if ($EnrolmentCode) { $terminal.EnrolmentCode = $EnrolmentCode; $shown.Terminal.EnrolmentCode = Hide $EnrolmentCode 5 }
if ($StaffPin) { $terminal.StaffPin = $StaffPin; $shown.Terminal.StaffPin = Hide $StaffPin 0 }
$plan = ($shown | ConvertTo-Json -Depth 4) -replace "`r", ''
if (Step "Write the configuration $configFile (ACL: SYSTEM and Administrators FullControl, $account Read, Users no access):`n$plan") {
  if (-not (Test-Path $configFile)) { New-Item -ItemType File -Path $configFile | Out-Null }
  Protect $configFile $admins 'Read'
  $settings | ConvertTo-Json -Depth 4 | Set-Content -Encoding UTF8 $configFile
}

if (Step "Start the service '$service'; the kiosk UI listens on $localUrl/ (loopback only)") { Start-Service $service }

# 5. Edge in kiosk mode for the kiosk user at logon: full screen, no address bar, no first-run pages.
if (Step "Register the scheduled task 'Kiosk Edge': at logon of '$KioskUser' (interactive, limited) run `"$edge`" $edgeArguments") {
  $action = New-ScheduledTaskAction -Execute $edge -Argument $edgeArguments
  $trigger = New-ScheduledTaskTrigger -AtLogOn -User $KioskUser
  $principal = New-ScheduledTaskPrincipal -UserId $KioskUser -LogonType Interactive -RunLevel Limited
  Register-ScheduledTask -TaskName 'Kiosk Edge' -Action $action -Trigger $trigger -Principal $principal -Force | Out-Null
}

if ($planOnly) {
  Write-Host "Plan only (-WhatIf): nothing was changed."
} else {
  Write-Host "Kiosk terminal installed: service '$service' ($account), data in $DataDir, UI on $localUrl/."
  Write-Host "Edge opens in kiosk mode when '$KioskUser' logs on. For a locked-down kiosk, also set up Assigned Access for that user."
}
