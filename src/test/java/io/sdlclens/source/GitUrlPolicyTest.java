package io.sdlclens.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sdlclens.source.GitSourceException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitUrlPolicyTest {

    private final GitUrlPolicy defaults =
            new GitUrlPolicy(List.of("github.com", "gitlab.com", "bitbucket.org", "codeberg.org"), false);
    private final GitUrlPolicy any = new GitUrlPolicy(List.of("*"), true);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://github.com/owner/repo",
                "https://GitHub.com/owner/repo.git",
                "https://github.com./owner/repo/",
                "https://codeberg.org:443/owner/repo"
            })
    void allowedHostsOverHttpsPass(String url) {
        assertThat(defaults.allows(url)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "http://github.com/owner/repo, SCHEME_NOT_ALLOWED",
        "file:///srv/repo, SCHEME_NOT_ALLOWED",
        "file:/srv/repo, SCHEME_NOT_ALLOWED",
        "ssh://git@github.com/owner/repo, SCHEME_NOT_ALLOWED",
        "git://github.com/owner/repo, SCHEME_NOT_ALLOWED",
        "git@github.com:owner/repo.git, INVALID_URL",
        "https://user:pass@github.com/owner/repo, INVALID_URL",
        "https://x-access-token@github.com/owner/repo, INVALID_URL",
        "https://github.com/owner/repo?x=1, INVALID_URL",
        "https://github.com/, INVALID_URL",
        "https://example.com/owner/repo, HOST_NOT_ALLOWED",
        "https://github.com.evil.example/owner/repo, HOST_NOT_ALLOWED",
        "'', INVALID_URL"
    })
    void theDefaultPolicyRefuses(String url, Reason reason) {
        assertRefused(defaults, url, reason);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/r",
                "https://localhost/r",
                "https://LOCALHOST./r",
                "https://git.localhost/r",
                "https://10.1.2.3/r",
                "https://172.16.0.1/r",
                "https://192.168.1.1/r",
                "https://169.254.169.254/latest",
                "https://100.64.0.1/r",
                "https://0.0.0.0/r",
                "https://[::1]/r",
                "https://[fe80::1]/r",
                "https://[fd00::1]/r",
                "https://[::ffff:127.0.0.1]/r",
                "https://2130706433/r",
                "https://0x7f.1/r",
                "https://0177.0.0.1/r"
            })
    void internalAddressesAreRefusedEvenWhenAnyHostIsAllowed(String url) {
        GitSourceException e = catchThrowableOfType(GitSourceException.class, () -> any.check(url));
        assertThat(e).as(url).isNotNull();
        assertThat(e.reason()).isIn(Reason.HOST_NOT_ALLOWED, Reason.INVALID_URL);
    }

    @Test
    void anInternalAddressNamedInTheListIsAllowed() {
        GitUrlPolicy lab = new GitUrlPolicy(List.of(" 127.0.0.1 ", "localhost", "[::1]", "10.0.0.5"), true);
        assertThat(lab.allows("http://127.0.0.1:8080/git/docs")).isTrue();
        assertThat(lab.allows("http://localhost:8080/git/docs")).isTrue();
        assertThat(lab.allows("https://[::1]/docs")).isTrue();
        assertThat(lab.allows("https://10.0.0.5/docs")).isTrue();
        assertThat(lab.allows("https://10.0.0.6/docs")).isFalse();
        assertThat(any.allows("https://git.example.org/team/docs")).isTrue();
        assertThat(any.allows("https://8.8.8.8/team/docs")).isTrue();
    }

    @Test
    void httpNeedsItsSwitch() {
        assertRefused(new GitUrlPolicy(List.of("*"), false), "http://git.example.org/r", Reason.SCHEME_NOT_ALLOWED);
        assertThat(any.allows("http://git.example.org/r")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "https://github.com/Owner/Repo, github.com/Owner/Repo",
        "https://GITHUB.com/Owner/Repo.git, github.com/Owner/Repo",
        "https://github.com/Owner/Repo/, github.com/Owner/Repo",
        "https://github.com/Owner/Repo.git/, github.com/Owner/Repo",
        "HTTPS://github.com:443/Owner/Repo, github.com/Owner/Repo",
        "http://github.com/Owner/Repo, github.com/Owner/Repo",
        "git@github.com:Owner/Repo.git, github.com/Owner/Repo",
        "ssh://git@github.com/Owner/Repo.git, github.com/Owner/Repo",
        "git://github.com/Owner/Repo.git, github.com/Owner/Repo",
        "https://git.example.org:8443/team/docs, git.example.org:8443/team/docs",
        "https://github.com./Owner/Repo, github.com/Owner/Repo"
    })
    void normalisationMakesOneFormPerRepository(String url, String normal) {
        assertThat(GitUrlPolicy.normalise(url)).isEqualTo(normal);
    }

    @Test
    void normalisationKeepsThePathCaseAndDistinctRepositoriesApart() {
        assertThat(GitUrlPolicy.normalise("https://github.com/owner/repo"))
                .isNotEqualTo(GitUrlPolicy.normalise("https://github.com/owner/repo2"));
        assertThat(GitUrlPolicy.normalise("https://gitlab.com/owner/repo"))
                .isNotEqualTo(GitUrlPolicy.normalise("https://github.com/owner/repo"));
    }

    private static void assertRefused(GitUrlPolicy policy, String url, Reason reason) {
        GitSourceException e = catchThrowableOfType(GitSourceException.class, () -> policy.check(url));
        assertThat(e).as(url).isNotNull();
        assertThat(e.reason()).as(url + ": " + e.getMessage()).isEqualTo(reason);
        assertThat(e.getMessage()).doesNotContain("user:pass").doesNotContain("x-access-token@");
    }
}
