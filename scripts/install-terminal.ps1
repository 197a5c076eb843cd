<#
.SYNOPSIS
  Installs the Kiosk terminal on a Windows kiosk PC: the terminal as a Windows service under a restricted
  virtual account, and Microsoft Edge in full-screen kiosk mode on the local kiosk UI at logon.

.EXAMPLE
  # From a clone of the repository, in an elevated PowerShell:
  scripts\install-terminal.ps1 -ServerUrl https://kiosk.example.org -EnrolmentCode ABCDE-FGHJK -PrinterHost 10.0.0.7

.NOTES
  Run again to update: the data folder (roster copy, outbox, terminal key) is kept. The enrolment code
  is used on the first start only; afterwards the key in the data folder identifies the terminal.
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory)] [string] $ServerUrl,
  [string] $EnrolmentCode,
  [ValidateSet('lobby', 'room-entrance', 'room-exit', 'room-toggle')] [string] $Mode = 'lobby',
  [ValidateSet('Virtual', 'Network', 'Serial', 'Device')] [string] $PrinterKind = 'Network',
  [string] $PrinterHost,
  [int] $PrinterPort = 9100,
  [string] $SerialPort,
  [string] $InstallDir = "$env:ProgramFiles\Kiosk.Terminal",
  [string] $DataDir = "$env:ProgramData\Kiosk.Terminal",
  # The Windows user that sees the kiosk screen; Edge starts for this user at logon.
  [string] $KioskUser = 'Kiosk',
  # A folder with an already published terminal (dotnet publish output); otherwise it is published from this clone.
  [string] $PublishedDir
)
$ErrorActionPreference = 'Stop'
$service = 'Kiosk.Terminal'
$account = "NT SERVICE\$service"   # virtual account: no password, no rights beyond what is granted here

if (-not ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  throw 'Run this script in an elevated PowerShell (as administrator).'
}
if ($PrinterKind -eq 'Network' -and -not $PrinterHost) { throw '-PrinterHost is required for a network printer (or use -PrinterKind Virtual).' }
if ($PrinterKind -eq 'Serial' -and -not $SerialPort) { throw '-SerialPort is required for a serial printer.' }

# 1. Stop an older installation, then publish or copy the binaries.
if (Get-Service $service -ErrorAction SilentlyContinue) { Stop-Service $service -Force }
New-Item -ItemType Directory -Force -Path $InstallDir, $DataDir | Out-Null
if ($PublishedDir) {
  Copy-Item -Recurse -Force (Join-Path $PublishedDir '*') $InstallDir
} else {
  $repo = Split-Path -Parent $PSScriptRoot
  dotnet publish (Join-Path $repo 'Kiosk.Terminal') -c Release -r win-x64 --self-contained true -o $InstallDir
  if ($LASTEXITCODE -ne 0) { throw 'dotnet publish failed.' }
}

# 2. Configuration next to the binaries (the service's content root). No secrets: the terminal key is
#    obtained with the one-time code and kept in the data folder, readable only by the service.
$settings = [ordered]@{
  Server   = [ordered]@{ Url = $ServerUrl }
  Terminal = [ordered]@{ Mode = $Mode; DataDirectory = $DataDir; Urls = 'http://127.0.0.1:5180' }
  Printer  = [ordered]@{ Kind = $PrinterKind; Host = $PrinterHost; Port = $PrinterPort; SerialPort = $SerialPort }
}
if ($EnrolmentCode) { $settings.Terminal.EnrolmentCode = $EnrolmentCode }
$settings | ConvertTo-Json -Depth 4 | Set-Content -Encoding UTF8 (Join-Path $InstallDir 'appsettings.Production.json')

# 3. The service, under its virtual account, restarted by Windows if it ever stops.
$exe = Join-Path $InstallDir 'Kiosk.Terminal.exe'
if (-not (Get-Service $service -ErrorAction SilentlyContinue)) {
  New-Service -Name $service -BinaryPathName "`"$exe`"" -DisplayName 'Kiosk Terminal' -StartupType Automatic `
    -Description 'Self check-in and badge printing for the venue kiosk.' | Out-Null
}
sc.exe config $service obj= $account | Out-Null
sc.exe failure $service reset= 86400 actions= restart/5000/restart/5000/restart/30000 | Out-Null

# The service may write only its data folder; the kiosk user may not read it (roster copy = personal data).
$acl = New-Object Security.AccessControl.DirectorySecurity
$acl.SetAccessRuleProtection($true, $false)
foreach ($who in @('SYSTEM', 'BUILTIN\Administrators', $account)) {
  $acl.AddAccessRule((New-Object Security.AccessControl.FileSystemAccessRule($who, 'Modify', 'ContainerInherit,ObjectInherit', 'None', 'Allow')))
}
Set-Acl -Path $DataDir -AclObject $acl
Start-Service $service

# 4. Edge in kiosk mode for the kiosk user at logon: full screen, no address bar, no first-run pages.
$edge = @("${env:ProgramFiles(x86)}\Microsoft\Edge\Application\msedge.exe", "$env:ProgramFiles\Microsoft\Edge\Application\msedge.exe") |
  Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $edge) { throw 'Microsoft Edge was not found.' }
$arguments = '--kiosk http://127.0.0.1:5180/ --edge-kiosk-type=fullscreen --no-first-run --disable-pinch --overscroll-history-navigation=0 --kiosk-idle-timeout-minutes=0'
$action = New-ScheduledTaskAction -Execute $edge -Argument $arguments
$trigger = New-ScheduledTaskTrigger -AtLogOn -User $KioskUser
$principal = New-ScheduledTaskPrincipal -UserId $KioskUser -LogonType Interactive -RunLevel Limited
Register-ScheduledTask -TaskName 'Kiosk Edge' -Action $action -Trigger $trigger -Principal $principal -Force | Out-Null

Write-Host "Kiosk terminal installed: service '$service' ($account), data in $DataDir, UI on http://127.0.0.1:5180/."
Write-Host "Edge opens in kiosk mode when '$KioskUser' logs on. For a locked-down kiosk, also set up Assigned Access for that user."
