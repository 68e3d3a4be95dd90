// Both classes ran on JUnit 6 and DeepJUnit's listener rendered the report; no JUnit 5 jar reached the classpath.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 2, Failures: 0, Errors: 0')
assert log.contains('DeepJUnit coverage tiny:')
assert !log.contains('not being properly aligned')
def jars = new File(basedir, 'target/classpath.txt').text
assert jars.contains('junit-jupiter-api-6.1.3.jar')
assert !(jars =~ /junit-[a-z-]+-(5\.|1\.1)\d/) : "no JUnit 5 / Platform 1.x jar: ${jars}"
return true
