# PowerShell 7 (the PowerShell .NET tool from NuGet) in .tools/pwsh, for the tests of scripts/install-terminal.ps1;
# sets KIOSK_TEST_PWSH. Installed once; without it those tests skip rather than fail.
install_test_pwsh() {
  local version=7.6.9 dir=.tools/pwsh
  if [[ ! -d $dir/.store/powershell/$version ]]; then
    rm -rf "$dir"
    dotnet tool install PowerShell --version "$version" --tool-path "$dir" >/dev/null ||
      { echo "PowerShell $version could not be installed; the install script tests will skip." >&2; return 0; }
  fi
  KIOSK_TEST_PWSH=$PWD/$dir/pwsh
}
