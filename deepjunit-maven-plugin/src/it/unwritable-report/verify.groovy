// The tests passed; the report goal failed the build, naming the folder it could not write.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 2, Failures: 0') : 'the tests themselves passed'
assert log.contains('Cannot write the DeepJUnit report to') : 'the goal names what failed'
assert log.contains('pom.xml/deepjunit') : 'and the folder'
assert log.contains('BUILD FAILURE')
return true
