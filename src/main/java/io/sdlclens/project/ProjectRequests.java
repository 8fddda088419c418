package io.sdlclens.project;

/** Request bodies of the project endpoints. Absent and JSON-null fields are both null, except as noted. */
public final class ProjectRequests {

    private ProjectRequests() {}

    public record Create(
            String name,
            String sdlcPath,
            String sourceType,
            String repoUrl,
            String repoBranch,
            String repoPath,
            Long connectionId,
            String accessToken,
            Boolean autoSync) {

        /** A local project's body, as the sample project and older clients send it. */
        public Create(String name, String sdlcPath, String sourceType) {
            this(name, sdlcPath, sourceType, null, null, null, null, null, null);
        }
    }

    /**
     * A PUT body. {@code connection_id} and {@code access_token} tell "sent as null" (detach, remove) from "not
     * sent" (keep), so those two remember whether their setter ran; Jackson calls a setter for a JSON null too.
     */
    public static final class Update {
        private String name;
        private String sdlcPath;
        private String sourceType;
        private String repoUrl;
        private String repoBranch;
        private String repoPath;
        private Long connectionId;
        private boolean connectionIdSent;
        private String accessToken;
        private boolean accessTokenSent;
        private Boolean autoSync;

        public Update() {}

        public Update(String name, String sdlcPath) {
            this.name = name;
            this.sdlcPath = sdlcPath;
        }

        public String name() {
            return name;
        }

        public String sdlcPath() {
            return sdlcPath;
        }

        public String sourceType() {
            return sourceType;
        }

        public String repoUrl() {
            return repoUrl;
        }

        public String repoBranch() {
            return repoBranch;
        }

        public String repoPath() {
            return repoPath;
        }

        public Long connectionId() {
            return connectionId;
        }

        public boolean connectionIdSent() {
            return connectionIdSent;
        }

        public String accessToken() {
            return accessToken;
        }

        public boolean accessTokenSent() {
            return accessTokenSent;
        }

        public Boolean autoSync() {
            return autoSync;
        }

        public void setName(String name) {
            this.name = name;
        }

        public void setSdlcPath(String sdlcPath) {
            this.sdlcPath = sdlcPath;
        }

        public void setSourceType(String sourceType) {
            this.sourceType = sourceType;
        }

        public void setRepoUrl(String repoUrl) {
            this.repoUrl = repoUrl;
        }

        public void setRepoBranch(String repoBranch) {
            this.repoBranch = repoBranch;
        }

        public void setRepoPath(String repoPath) {
            this.repoPath = repoPath;
        }

        public void setConnectionId(Long connectionId) {
            this.connectionId = connectionId;
            this.connectionIdSent = true;
        }

        public void setAccessToken(String accessToken) {
            this.accessToken = accessToken;
            this.accessTokenSent = true;
        }

        public void setAutoSync(Boolean autoSync) {
            this.autoSync = autoSync;
        }

        boolean isEmpty() {
            return name == null
                    && sdlcPath == null
                    && sourceType == null
                    && repoUrl == null
                    && repoBranch == null
                    && repoPath == null
                    && !connectionIdSent
                    && !accessTokenSent
                    && autoSync == null;
        }
    }
}
