console.log('favcrm-chat: skeleton');
