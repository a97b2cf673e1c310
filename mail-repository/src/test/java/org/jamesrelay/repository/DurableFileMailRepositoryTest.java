package org.jamesrelay.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.mail.MessagingException;

import org.apache.james.mailrepository.MailRepositoryContract;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryPath;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.common.collect.ImmutableList;

class DurableFileMailRepositoryTest implements MailRepositoryContract {
    @TempDir
    Path workingDirectory;

    @Override
    public MailRepository retrieveRepository() throws Exception {
        return retrieveRepository(MailRepositoryPath.from("var/mail/quarantine"));
    }

    @Override
    public MailRepository retrieveRepository(MailRepositoryPath path) throws Exception {
        return new DurableFileMailRepository(workingDirectory.resolve(path.asString()));
    }

    @Test
    void aRepositoryOpenedAgainOnTheSameFolderHasTheMailsWithTheirContentAndAttributes() throws Exception {
        MailImpl mail = createMail(MAIL_1, "kept across restarts");
        mail.setState("quarantine");
        mail.setErrorMessage("quarantined: tool.exe");
        retrieveRepository().store(mail);

        MailRepository reopened = retrieveRepository();

        assertThat(ImmutableList.copyOf(reopened.list())).containsExactly(MAIL_1);
        Mail kept = reopened.retrieve(MAIL_1);
        checkMailEquality(kept, mail);
        assertThat(kept.getMaybeSender().asString()).isEqualTo("sender@localhost");
        assertThat(kept.getRecipients()).containsExactlyElementsOf(mail.getRecipients());
    }

    @Test
    void aTemporaryFileLeftByACrashIsNotAMailAndIsRemoved() throws Exception {
        Path folder = workingDirectory.resolve("var/mail/error");
        Files.createDirectories(folder);
        Path leftover = folder.resolve(DurableFileMailRepository.TEMPORARY_PREFIX + "cut-short" + DurableFileMailRepository.SUFFIX);
        Files.writeString(leftover, "{\"name\":\"half");

        MailRepository repository = retrieveRepository(MailRepositoryPath.from("var/mail/error"));

        assertThat(repository.size()).isZero();
        assertThat(leftover).doesNotExist();
    }

    @Test
    void aKeyTooLongForAFileNameIsRefused() throws Exception {
        MailKey longKey = new MailKey("k".repeat(200));

        assertThatThrownBy(() -> retrieveRepository().store(createMail(longKey)))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("at most " + DurableFileMailRepository.MAX_FILE_NAME);
    }

    @Test
    void aStoreThatCannotWriteFailsAndLeavesNothingListed() throws Exception {
        MailRepository repository = retrieveRepository(MailRepositoryPath.from("var/mail/broken"));
        Path folder = workingDirectory.resolve("var/mail/broken");
        Files.delete(folder);
        Files.writeString(folder, "a file where the folder was");

        assertThatThrownBy(() -> repository.store(createMail(MAIL_1))).isInstanceOf(MessagingException.class);
        Files.delete(folder);
        Files.createDirectories(folder);
        assertThat(repository.size()).isZero();
    }

    @Test
    void aKeyTooLongForAFileNameIsAbsentOnRetrieveAndRemove() throws Exception {
        MailKey longKey = new MailKey("k".repeat(200));
        MailRepository repository = retrieveRepository();

        assertThat(repository.retrieve(longKey)).isNull();
        repository.remove(longKey);
        assertThat(repository.size()).isZero();
    }

    @Test
    void aFileTheRepositoryDidNotNameIsNotListed() throws Exception {
        MailRepository repository = retrieveRepository();
        Files.writeString(workingDirectory.resolve("var/mail/quarantine/not base64!" + DurableFileMailRepository.SUFFIX), "x");

        assertThat(repository.size()).isZero();
    }
}
